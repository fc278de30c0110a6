"""The real-code corpus: Debian source packages of C++ projects that use maps,
threads and loops heavily, each with how to configure it so that it writes
compile_commands.json. Paths in the regular expressions are relative to the
unpacked source tree."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Project:
    name: str
    # The Debian source package (`apt-get source NAME`).
    package: str
    domain: str
    cmake_args: list = field(default_factory=list)
    # taskwarrior's CMake writes a custom command Ninja cannot parse.
    generator: str = "Ninja"
    # Debian packages the build and the tests need.
    build_depends: list = field(default_factory=list)
    # Directories of code the project bundles from elsewhere: analyzed as
    # part of its files, but not reported (as in a real run of the project).
    vendored: list = field(default_factory=list)
    # Whether the project registers a test suite with CTest.
    has_tests: bool = True
    # CTest regular expression of tests that need what this machine lacks
    # (network, a terminal, hours of CPU), skipped before and after the
    # fixes alike.
    skip_tests: str = ""
    # Shell commands run in the unpacked tree before it is recorded as
    # pristine: sources the Debian build generates and the tarball lacks.
    generate: list = field(default_factory=list)


PROJECTS = [
    Project(
        name="leveldb",
        package="leveldb",
        domain="storage engine",
        cmake_args=["-DLEVELDB_BUILD_TESTS=ON", "-DLEVELDB_BUILD_BENCHMARKS=OFF"],
        build_depends=["libsnappy-dev", "libgtest-dev", "libgmock-dev"],
        vendored=["third_party"],
    ),
    Project(
        name="ninja",
        package="ninja-build",
        domain="build system",
        cmake_args=["-DBUILD_TESTING=ON"],
        build_depends=["re2c"],
    ),
    Project(
        name="cppcheck",
        package="cppcheck",
        domain="static analyzer",
        cmake_args=["-DBUILD_TESTS=ON", "-DBUILD_GUI=OFF", "-DHAVE_RULES=OFF",
                    "-DUSE_MATCHCOMPILER=Off"],  # spelled as its option lists it
        build_depends=["libtinyxml2-dev"],
        vendored=["externals"],
    ),
    Project(
        name="spdlog",
        package="spdlog",
        domain="logging library (async, thread pools)",
        cmake_args=["-DSPDLOG_FMT_EXTERNAL=ON", "-DSPDLOG_BUILD_TESTS=ON",
                    "-DSPDLOG_BUILD_EXAMPLE=ON", "-DSPDLOG_BUILD_SHARED=ON"],
        build_depends=["libfmt-dev", "catch2", "pkg-config"],
    ),
    Project(
        name="taskwarrior",
        package="task",
        domain="command-line application",
        cmake_args=["-DCMAKE_BUILD_TYPE=release"],
        generator="Unix Makefiles",
        build_depends=["libgnutls28-dev", "uuid-dev"],
        has_tests=False,
    ),
    Project(
        name="zeromq",
        package="zeromq3",
        domain="messaging library (I/O threads, mutex-guarded maps)",
        # As Debian configures it (no drafts, libsodium, libbsd). Without the
        # static library, which would give every source two entries in the
        # compilation database (its unit tests in unittests/ link it and are
        # left out); without precompiled headers, whose flags are clang's.
        cmake_args=["-DENABLE_DRAFTS=OFF", "-DBUILD_TESTS=ON", "-DBUILD_STATIC=OFF",
                    "-DENABLE_PRECOMPILED=OFF", "-DWITH_DOCS=OFF", "-DWITH_DOC=OFF",
                    "-DWITH_PERF_TOOL=OFF", "-DWITH_LIBSODIUM=ON", "-DWITH_LIBBSD=ON"],
        build_depends=["libsodium-dev", "libbsd-dev", "pkgconf"],
        vendored=["external"],
    ),
    Project(
        name="re2",
        package="re2",
        domain="regular expression engine (shared DFA caches)",
        cmake_args=["-DRE2_BUILD_TESTING=ON"],
        build_depends=["python3", "unicode-data"],
        # Debian's tarball leaves out the Unicode tables; its build makes
        # them from the unicode-data package (REBUILD_TABLES=1).
        generate=["perl re2/make_perl_groups.pl > re2/perl_groups.cc",
                  "python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc",
                  "python3 re2/make_unicode_groups.py > re2/unicode_groups.cc"],
        # The exhaustive tests enumerate every regular expression up to a size
        # (tens of minutes each on two cores).
        skip_tests="^exhaustive",
    ),
]

BY_NAME = {project.name: project for project in PROJECTS}
