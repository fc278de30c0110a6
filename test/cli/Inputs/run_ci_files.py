#!/usr/bin/env python3
"""Checks the CI files of ci/github and ci/gitlab, and runs their maptidy
steps on a sample repository as the CI services would: a branch that adds a
finding fails the job and reports the finding (SARIF, Code Climate), and
passes once the finding is in the baseline.

usage: run_ci_files.py <ci-dir> <maptidy-bin-dir> <inputs-dir> <work-dir>
"""
import json
import os
import shutil
import subprocess
import sys

import yaml

NEW_FINDING = ("std::vector<int> more() {\n  std::vector<int> v;\n"
               "  for (int i = 0; i < 2; ++i)\n    v.push_back(i);\n"
               "  return v;\n}\n")


def fail(message):
    sys.stderr.write("FAIL: " + message + "\n")
    sys.exit(1)


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=maptidy",
                    "-c", "user.email=maptidy@example.com", *args],
                   cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def sample_repository(inputs, work):
    """origin (main: a finding) and a clone on branch feature (a new one)."""
    origin = os.path.join(work, "origin.git")
    seed = os.path.join(work, "seed")
    repo = os.path.join(work, "repo")
    os.makedirs(seed)
    git("init", "-q", "-b", "main", cwd=seed)
    shutil.copy(os.path.join(inputs, "fingerprint", "v1.cpp"),
                os.path.join(seed, "a.cpp"))
    git("add", "a.cpp", cwd=seed)
    git("commit", "-qm", "main", cwd=seed)
    git("clone", "-q", "--bare", seed, origin, cwd=work)
    git("clone", "-q", origin, repo, cwd=work)
    git("checkout", "-q", "-b", "feature", cwd=repo)
    with open(os.path.join(repo, "a.cpp"), "a") as f:
        f.write(NEW_FINDING)
    git("commit", "-qam", "feature", cwd=repo)
    os.makedirs(os.path.join(repo, "build"))
    with open(os.path.join(repo, "build", "compile_commands.json"), "w") as f:
        json.dump([{"directory": repo, "file": "a.cpp",
                    "arguments": ["c++", "-std=c++17", "-c", "a.cpp"]}], f)
    return repo


def run_script(script, repo, env):
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)


def check_github(ci, repo, env):
    workflow = yaml.safe_load(open(os.path.join(ci, "github", "maptidy.yml")))
    triggers = workflow.get("on", workflow.get(True))
    if "pull_request" not in triggers:
        fail("the workflow does not run on pull requests")
    if workflow["permissions"].get("security-events") != "write":
        fail("the workflow cannot upload SARIF (security-events: write)")
    if workflow["permissions"].get("actions") != "read":
        fail("the SARIF upload cannot read the run in a private repository")
    steps = workflow["jobs"]["maptidy"]["steps"]
    by_name = {step.get("name"): step for step in steps}
    checkout = by_name["Check out the project"]
    if checkout["with"].get("fetch-depth") != 0:
        fail("the project checkout lacks the history --diff-base needs")
    upload = by_name["Upload the findings to code scanning"]
    if not upload["uses"].startswith("github/codeql-action/upload-sarif@") \
            or "always()" not in upload["if"]:
        fail("the SARIF upload does not always run")

    output = os.path.join(repo, "github-output")
    run_env = dict(env, BASE_REF="main", SHARD="1/1", GITHUB_OUTPUT=output,
                   MAPTIDY_BASELINE=".maptidy-baseline.json")
    result = run_script(by_name["Run maptidy"]["run"], repo, run_env)
    if result.returncode != 0:
        fail("the maptidy step failed:\n" + result.stdout)
    status = open(output).read().strip()
    sarif = json.load(open(os.path.join(repo, "maptidy.sarif")))
    results = sarif["runs"][0]["results"]
    if status != "status=1" or len(results) != 1 or \
            results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] != 12:
        fail("expected the new finding only: %s %s" % (status, results))
    annotate = by_name["Annotate the findings (code scanning not available)"]
    if not upload.get("continue-on-error") or \
            "steps.upload.outcome == 'failure'" not in annotate["if"]:
        fail("a refused SARIF upload does not fall back to annotations")
    annotations = run_script(annotate["run"], repo, run_env).stdout
    if "::warning file=a.cpp,line=12," not in annotations or \
            annotations.count("::warning") != 1:
        fail("the fallback does not annotate the new finding:\n" + annotations)
    push_env = dict(run_env, BASE_REF="")
    run_script(by_name["Run maptidy"]["run"], repo, push_env)
    pushed = json.load(open(os.path.join(repo, "maptidy.sarif")))
    if open(output).read().split()[-1] != "status=0" or \
            len(pushed["runs"][0]["results"]) != 2:
        fail("a push does not report every finding without failing")
    gate = by_name["Fail on new findings"]["run"]
    for code, expected in (("0", 0), ("1", 1), ("2", 2)):
        if run_script(gate, repo, dict(env, STATUS=code)).returncode != expected:
            fail("the gate step does not exit %d on status %s" % (expected, code))
    print("github: the pull request's new finding fails the job; a push "
          "reports all")
    return by_name["Run maptidy"]["run"], run_env, output


def check_gitlab(ci, repo, env):
    pipeline = yaml.safe_load(
        open(os.path.join(ci, "gitlab", "maptidy.gitlab-ci.yml")))
    job = pipeline["maptidy"]
    report = job["artifacts"]["reports"]["codequality"]
    if job["artifacts"].get("when") != "always":
        fail("the code quality report is not kept when the job fails")
    run_env = dict(env, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
                   CI_NODE_INDEX="1", CI_NODE_TOTAL="1",
                   MAPTIDY_BASELINE=".maptidy-baseline.json")
    result = run_script("\n".join(job["script"]), repo, run_env)
    if result.returncode != 1:
        fail("the job does not fail on a new finding:\n" + result.stdout)
    issues = json.load(open(os.path.join(repo, report)))
    if len(issues) != 1 or issues[0]["location"]["lines"]["begin"] != 12:
        fail("expected the new finding only: %s" % issues)
    if {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"} not in job["rules"]:
        fail("the job does not run on the default branch")
    default_env = dict(run_env, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="")
    result = run_script("\n".join(job["script"]), repo, default_env)
    issues = json.load(open(os.path.join(repo, report)))
    if result.returncode != 0 or len(issues) != 2:
        fail("the default branch does not report every finding without "
             "failing:\n" + result.stdout)
    print("gitlab: the merge request's new finding fails the job; the "
          "default branch reports all")
    return "\n".join(job["script"]), run_env


def main():
    ci, bin_dir, inputs, work = sys.argv[1:]
    repo = sample_repository(inputs, work)
    env = dict(os.environ, HOME=work,
               PATH=bin_dir + os.pathsep + os.environ["PATH"])
    github_script, github_env, output = check_github(ci, repo, env)
    gitlab_script, gitlab_env = check_gitlab(ci, repo, env)

    # Once the finding is in the baseline, both jobs pass.
    subprocess.run([os.path.join(bin_dir, "maptidy"), "-p", "build",
                    "--write-baseline", ".maptidy-baseline.json"],
                   cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    run_script(github_script, repo, github_env)
    if open(output).read().strip().splitlines()[-1] != "status=0":
        fail("the github job still fails with the finding in the baseline")
    if run_script(gitlab_script, repo, gitlab_env).returncode != 0:
        fail("the gitlab job still fails with the finding in the baseline")
    print("both: findings in the baseline do not fail the job")


if __name__ == "__main__":
    main()
