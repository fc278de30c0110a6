"""Fetches, unpacks, configures and builds the corpus projects, and resets
their trees to the pristine sources. Shared by the corpus run (quality) and
the cost benchmark.

Layout under the work directory:
  <project>/src     the unpacked Debian source package, a git repository
                    whose first commit is the pristine tree
  <project>/build   the CMake build directory (compile_commands.json)
"""

import glob
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def log(message):
    print(f"corpus: {message}", file=sys.stderr, flush=True)


def run(command, cwd=None, check=True, quiet=False):
    """Runs a command; with quiet, its output is shown only if it fails."""
    output = subprocess.PIPE if quiet else None
    result = subprocess.run(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT if quiet else None,
                            text=True)
    if check and result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout[-20000:])
        raise SystemExit(f"corpus: error: '{' '.join(map(str, command))}' failed with exit status {result.returncode}")
    return result


class Workspace:
    def __init__(self, root, project):
        self.project = project
        self.root = Path(root).resolve() / project.name
        self.src = self.root / "src"
        self.build = self.root / "build"
        self.downloads = Path(root).resolve() / "downloads"

    def prepare(self, jobs):
        """Leaves a pristine, configured and built tree."""
        if not (self.src / ".git").is_dir():
            self._unpack()
        self.reset()
        if not (self.build / "compile_commands.json").is_file():
            self._configure()
        pristine = self.compile(jobs)
        if pristine.returncode != 0:
            sys.stderr.write(pristine.stdout[-20000:])
            raise SystemExit(f"corpus: error: {self.project.name} does not build before any fix")

    def reset(self):
        """Restores the pristine sources, keeping file times of untouched files
        (so that the build stays up to date)."""
        run(["git", "checkout", "--quiet", "--", "."], cwd=self.src)
        run(["git", "clean", "--quiet", "-fdx"], cwd=self.src)

    def compile(self, jobs, keep_going=False):
        """Builds everything; returns the build's result (output captured)."""
        command = ["cmake", "--build", str(self.build), "-j", str(jobs)]
        if keep_going:
            command += ["--", "-k", "0"] if self.project.generator == "Ninja" else ["--", "-k"]
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    @staticmethod
    def compiled_files(output):
        """The objects a build's output says it compiled (Ninja's and Make's
        progress lines)."""
        return re.findall(r"^\[\s*[\d/%]+\] Building CXX object (\S+)", output, re.M)

    @staticmethod
    def failed_targets(output):
        """The targets a build's output says failed."""
        matches = re.findall(r"^FAILED: (\S+)|\*\*\* \[\S+: (\S+\.o)\] Error", output, re.M)
        return [ninja or make for ninja, make in matches]

    def translation_units(self):
        """The entries of compile_commands.json, in order."""
        with open(self.build / "compile_commands.json") as database:
            return json.load(database)

    def own_files(self):
        """The project's translation units (absolute paths), without those
        in vendored directories."""
        vendored = tuple(str(self.src / directory) + "/" for directory in self.project.vendored)
        files = []
        for entry in self.translation_units():
            path = str(Path(entry["directory"], entry["file"]).resolve())
            if not path.startswith(vendored) and path not in files:
                files.append(path)
        return files

    def changed_files(self):
        result = run(["git", "diff", "--name-only"], cwd=self.src, quiet=True)
        return [line for line in result.stdout.splitlines() if line]

    def diff(self):
        return run(["git", "diff"], cwd=self.src, quiet=True).stdout

    def _unpack(self):
        self.downloads.mkdir(parents=True, exist_ok=True)
        dsc = sorted(glob.glob(str(self.downloads / f"{self.project.package}_*.dsc")))
        if not dsc:
            log(f"downloading the source package {self.project.package}")
            run(["apt-get", "source", "--download-only", "-qq", self.project.package],
                cwd=self.downloads, quiet=True)
            dsc = sorted(glob.glob(str(self.downloads / f"{self.project.package}_*.dsc")))
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        # dpkg-source applies the Debian patches, as the package build does.
        run(["dpkg-source", "--no-check", "-x", dsc[-1], str(self.src)], quiet=True)
        shutil.rmtree(self.src / "debian")
        for command in self.project.generate:
            run(["bash", "-c", command], cwd=self.src, quiet=True)
        git = ["git", "-c", "user.name=corpus", "-c", "user.email=corpus@localhost"]
        run(git + ["init", "--quiet"], cwd=self.src)
        run(git + ["add", "--all", "--force"], cwd=self.src)
        run(git + ["commit", "--quiet", "--no-verify", "-m", "pristine"], cwd=self.src)

    def _configure(self):
        log(f"configuring {self.project.name}")
        shutil.rmtree(self.build, ignore_errors=True)
        run(["cmake", "-S", str(self.src), "-B", str(self.build), "-G", self.project.generator,
             "-DCMAKE_C_COMPILER=clang-22", "-DCMAKE_CXX_COMPILER=clang++-22",
             "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"]
            + self.project.cmake_args, quiet=True)


def install_build_depends(projects):
    """The deb-src entry, dpkg-dev and what the projects need to build."""
    needed = sorted({package for project in projects for package in project.build_depends})
    run(["bash", str(REPO / "ci/setup.sh"), "--corpus"] + needed)
