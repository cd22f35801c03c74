# syntax=docker/dockerfile:1
# Build: docker build -t cli-analytics .
# Run (embedded database): docker run -p 8000:8000 -v cli-analytics-data:/app/data cli-analytics
# Run (PostgreSQL): add -e DATABASE_URL=postgresql://... -e HASH_SALT=... and tokens (docs/server.md)

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# The wrapper and POMs first, so dependency downloads are cached between source changes.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY core/pom.xml core/
COPY client/pom.xml client/
COPY server/pom.xml server/
COPY cli/pom.xml cli/
COPY reliability/pom.xml reliability/
COPY bench/pom.xml bench/
RUN ./mvnw -B -ntp -q -pl cli -am dependency:go-offline || true
COPY . .
RUN ./mvnw -B -ntp -q -pl cli -am package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /app/data \
 && chown -R app:app /app
WORKDIR /app
COPY --from=build /src/cli/target/cli-analytics.jar /app/cli-analytics.jar
USER app
ENV DATA_DIR=/app/data \
    PORT=8000
EXPOSE 8000
VOLUME ["/app/data"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/cli-analytics.jar"]
CMD ["serve"]
