package dev.clianalytics.core.sample;

import dev.clianalytics.core.sample.SessionWriter.Command;
import java.util.Random;

/**
 * Realistic command sequences per tool, with failures, retries, recoveries and abandonment. Error
 * messages and flags deliberately carry what careless clients send (paths, tokens, hosts), so the
 * privacy rules are exercised on the way in.
 */
final class Scripts {
  private Scripts() {}

  static void task(String tool, SessionWriter s) {
    switch (tool) {
      case "terraform" -> terraform(s);
      case "kubectl" -> kubectl(s);
      case "npm" -> npm(s);
      case "git" -> git(s);
      case "docker" -> docker(s);
      case "ai-do" -> aiDo(s);
      default -> throw new IllegalArgumentException("no script for tool " + tool);
    }
  }

  private static Ending roll(Random r, double fail, double interrupt) {
    double x = r.nextDouble();
    return x < fail ? Ending.FAIL : x < fail + interrupt ? Ending.INTERRUPT : Ending.OK;
  }

  private static String[] pick(Random r, String[][] errors) {
    return errors[r.nextInt(errors.length)];
  }

  private static final String[][] TF_INIT_ERRORS = {
    {
      "ProviderInstallError",
      "Error: Failed to query available provider packages: could not connect to registry.terraform.io (10.20.4.7:443): i/o timeout"
    },
    {
      "BackendInitError",
      "Error: Failed to get existing workspaces: AccessDenied for s3://acme-tf-state/prod/terraform.tfstate with AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    },
  };
  private static final String[][] TF_PLAN_ERRORS = {
    {
      "ConfigError",
      "Error: Reference to undeclared input variable \"region\" on /home/alice/infra/main.tf line 12"
    },
    {
      "ConfigError",
      "Error: Unsupported argument; An argument named \"instance_typo\" is not expected here (C:\\Users\\bob\\infra\\ec2.tf:31)"
    },
  };
  private static final String[][] TF_APPLY_ERRORS = {
    {
      "StateLockError",
      "Error acquiring the state lock: ConditionalCheckFailedException, lock held by alice@example.com since 2 minutes ago"
    },
    {
      "AuthError",
      "Error: creating EC2 Instance: UnauthorizedOperation: You are not authorized; encoded message sk-proj-4fGh7Jk9Lm2Np5Qr8St1Uv3Wx6Yz0Ab token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    },
    {
      "ProviderError",
      "Error: error waiting for RDS instance (db-prod-1) to become available: timeout after 20m0s; postgres://admin:S3cretPass@10.0.3.17:5432/app"
    },
  };

  private static void terraform(SessionWriter s) {
    Random r = s.random();
    String var = r.nextInt(4) == 0 ? " -var-file=/home/dev/envs/prod.tfvars" : "";
    Ending init = roll(r, 0.05, 0.0);
    s.run(
        Command.of("terraform init", r.nextBoolean() ? "-upgrade" : "", 1, 2_000, 15_000),
        init,
        pick(r, TF_INIT_ERRORS));
    if (init != Ending.OK && r.nextDouble() < 0.5) {
      return;
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      s.think(10, 240);
      Ending plan = roll(r, 0.12, 0.02);
      s.run(
          Command.of("terraform plan", ("-out=plan.tfplan" + var).trim(), 1, 4_000, 30_000),
          plan,
          pick(r, TF_PLAN_ERRORS));
      if (plan == Ending.OK) {
        break;
      }
      if (plan == Ending.INTERRUPT || r.nextDouble() < 0.3) {
        return;
      }
      s.think(60, 600);
    }
    if (r.nextDouble() < 0.12) {
      return; // looked at the plan and walked away
    }
    boolean regressed = s.version("terraform").equals(ToolVersions.REGRESSED_TERRAFORM);
    double applyFail = regressed ? 0.45 : 0.12;
    for (int attempt = 0; attempt < 3; attempt++) {
      s.think(5, 120);
      Ending apply = roll(r, applyFail, 0.04);
      String flags =
          s.ci() ? "-auto-approve -input=false" : r.nextInt(3) == 0 ? "-auto-approve" : "";
      s.run(
          Command.of("terraform apply", flags, 1, 20_000, 180_000),
          apply,
          pick(r, TF_APPLY_ERRORS));
      if (apply != Ending.FAIL || r.nextDouble() < 0.35) {
        return;
      }
      if (r.nextBoolean()) {
        s.think(20, 300);
        s.run(
            Command.of("terraform init", "-upgrade", 1, 2_000, 15_000),
            roll(r, 0.03, 0.0),
            pick(r, TF_INIT_ERRORS));
      }
    }
  }

  private static final String[][] KUBECTL_ERRORS = {
    {
      "ConnectionRefused",
      "The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?"
    },
    {
      "Forbidden",
      "Error from server (Forbidden): pods is forbidden: User \"jane.doe@corp.example\" cannot list resource \"pods\" in namespace \"payments\""
    },
    {"RolloutTimeout", "error: deployment \"web\" exceeded its progress deadline"},
  };

  private static void kubectl(SessionWriter s) {
    Random r = s.random();
    s.run(
        Command.of("kubectl get pods", "-n payments", 1, 300, 2_500),
        roll(r, 0.06, 0.0),
        pick(r, KUBECTL_ERRORS));
    s.think(5, 90);
    Ending apply = roll(r, 0.08, 0.01);
    s.run(
        Command.of("kubectl apply", "-f=/home/dev/k8s/web-deployment.yaml", 1, 800, 5_000),
        apply,
        pick(r, KUBECTL_ERRORS));
    if (apply != Ending.OK) {
      return;
    }
    s.think(5, 60);
    Ending rollout = roll(r, 0.1, 0.05);
    s.run(
        Command.of("kubectl rollout status deployment/web", "--timeout=5m", 1, 10_000, 300_000),
        rollout,
        pick(r, KUBECTL_ERRORS));
    if (rollout == Ending.FAIL) {
      s.think(5, 60);
      s.run(
          Command.of("kubectl logs web-7d9f8c6b5-x2x9k", "--tail=100", 1, 300, 2_000),
          Ending.OK,
          null);
      s.think(60, 400);
      s.run(
          Command.of("kubectl rollout undo deployment/web", "", 1, 800, 4_000),
          roll(r, 0.05, 0.0),
          pick(r, KUBECTL_ERRORS));
    }
  }

  private static final String[][] NPM_ERRORS = {
    {
      "ERESOLVE",
      "npm ERR! code ERESOLVE unable to resolve dependency tree while resolving react@18.2.0"
    },
    {
      "ENOENT",
      "npm ERR! enoent ENOENT: no such file or directory, open '/Users/carol/src/shop/package.json'"
    },
    {
      "E401",
      "npm ERR! code E401 Unable to authenticate, your authentication token seems to be invalid: npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    },
  };
  private static final String[][] NPM_TEST_ERRORS = {
    {
      "TestFailure",
      "3 failing tests in 42 suites (jest 29.7.0), see /home/dev/shop/coverage/lcov-report/index.html"
    },
    {
      "TestFailure",
      "AssertionError: expected 200 but got 500 from http://localhost:3000/api/cart?session=8f14e45fceea167a5a36dedd4bea2543"
    },
  };

  private static void npm(SessionWriter s) {
    Random r = s.random();
    Ending install = roll(r, 0.08, 0.02);
    s.run(
        Command.of("npm install", s.ci() ? "--no-audit" : "", 1, 3_000, 60_000),
        install,
        pick(r, NPM_ERRORS));
    if (install != Ending.OK) {
      if (r.nextBoolean()) {
        return;
      }
      s.think(30, 300);
      s.run(
          Command.of("npm install", "--legacy-peer-deps", 1, 3_000, 60_000),
          roll(r, 0.04, 0.0),
          pick(r, NPM_ERRORS));
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      s.think(5, 200);
      Ending test = roll(r, 0.22, 0.03);
      s.run(
          Command.of("npm test", r.nextInt(5) == 0 ? "--watch=false" : "", 1, 5_000, 90_000),
          test,
          pick(r, NPM_TEST_ERRORS));
      if (test != Ending.FAIL || r.nextDouble() < 0.3) {
        break;
      }
    }
    if (r.nextDouble() < 0.6) {
      s.think(5, 60);
      s.run(
          Command.of("npm run build", "", 1, 8_000, 120_000),
          roll(r, 0.08, 0.01),
          pick(r, NPM_ERRORS));
    }
  }

  private static final String[][] GIT_ERRORS = {
    {
      "PushRejected",
      "! [rejected] main -> main (non-fast-forward) error: failed to push some refs to 'https://dev:ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa@github.com/acme/shop.git'"
    },
    {
      "AuthFailed",
      "fatal: Authentication failed for 'https://gitlab.example.com/acme/infra.git/' (token glpat-AbCdEfGhIjKlMnOpQrSt)"
    },
  };

  private static void git(SessionWriter s) {
    Random r = s.random();
    s.run(Command.of("git status", "", 1, 50, 400), Ending.OK, null);
    if (r.nextInt(4) == 0) {
      s.think(2, 30);
      s.run(Command.of("git checkout feature/login-page", "-b", 1, 50, 500), Ending.OK, null);
    }
    s.think(20, 600);
    s.run(Command.of("git add", "--all", 1, 50, 400), Ending.OK, null);
    s.think(5, 120);
    Ending commit = roll(r, 0.05, 0.02);
    s.run(
        Command.of("git commit", "-m", 1, 100, 2_000),
        commit,
        new String[] {"NothingToCommit", "nothing to commit, working tree clean"});
    if (commit != Ending.OK) {
      return;
    }
    s.think(2, 60);
    Ending push = roll(r, 0.1, 0.0);
    s.run(
        Command.of("git push", "--set-upstream origin", 1, 800, 6_000), push, pick(r, GIT_ERRORS));
    if (push == Ending.FAIL && r.nextDouble() < 0.8) {
      s.think(5, 60);
      s.run(
          Command.of("git pull", "--rebase", 1, 800, 6_000),
          roll(r, 0.05, 0.0),
          new String[] {"MergeConflict", "CONFLICT (content): Merge conflict in src/app/cart.ts"});
      s.think(5, 120);
      s.run(Command.of("git push", "", 1, 800, 6_000), roll(r, 0.04, 0.0), pick(r, GIT_ERRORS));
    }
  }

  private static final String[][] DOCKER_ERRORS = {
    {
      "BuildError",
      "failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1"
    },
    {
      "PushDenied",
      "denied: requested access to the resource is denied (registry 10.1.2.3:5000, user ci@acme.example)"
    },
  };

  private static void docker(SessionWriter s) {
    Random r = s.random();
    Ending build = roll(r, 0.1, 0.03);
    s.run(
        Command.of(
            "docker build",
            "-t=registry.acme.example/shop:1.4.2 --build-arg=NPM_TOKEN=npm_s3cr3tT0k3nValue1234567890abcdEF",
            1,
            15_000,
            240_000),
        build,
        pick(r, DOCKER_ERRORS));
    if (build != Ending.OK) {
      return;
    }
    s.think(2, 60);
    s.run(
        Command.of("docker push", "", 1, 5_000, 90_000),
        roll(r, 0.08, 0.0),
        pick(r, DOCKER_ERRORS));
  }

  private static final String[][] AI_ERRORS = {
    {
      "RateLimitError",
      "429 Too Many Requests: rate limit exceeded for key sk-ant-api03-Qw3rTy7UiOp9AsDfGhJkLzXcVbNm12345"
    },
    {"ContextLengthExceeded", "context length exceeded: 131072 tokens requested, limit 128000"},
    {"ToolError", "tool 'shell' failed: cat /home/erin/.ssh/id_ed25519: permission denied"},
  };

  private static void aiDo(SessionWriter s) {
    Random r = s.random();
    int runs = 1 + r.nextInt(3);
    for (int i = 0; i < runs; i++) {
      Ending run = roll(r, 0.22, 0.05);
      s.run(
          Command.of("ai-do run", "--model=large --max-steps=20", 1, 5_000, 180_000),
          run,
          pick(r, AI_ERRORS));
      if (run == Ending.FAIL && r.nextDouble() < 0.7) {
        s.think(10, 120);
        s.run(
            Command.of("ai-do run", "--model=large --retry", 1, 5_000, 180_000),
            roll(r, 0.15, 0.02),
            pick(r, AI_ERRORS));
      }
      s.think(60, 900);
    }
  }
}
