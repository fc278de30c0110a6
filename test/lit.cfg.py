# lit configuration for the check and command-line tests.
import os

import lit.formats

config.name = "maptidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "lsp", "install"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.maptidy_build_dir, "test", "lit")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# lit starts tests with a clean environment; keep what tools need to reach
# package registries (proxies, extra CA certificates) and to find home.
for name in ("HOME", "TMPDIR", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE",
             "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
             "http_proxy", "https_proxy", "no_proxy"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
config.environment["MAPTIDY_BIN"] = config.maptidy_bin
config.environment["MAPTIDY_PLUGIN"] = config.maptidy_plugin
config.environment["MAPTIDY_CLANG_TIDY"] = config.clang_tidy
config.environment["MAPTIDY_CLANGXX"] = config.clangxx

# Longer names first: lit substitutes in order.
config.substitutions.append(
    ("%maptidy_include", os.path.join(os.path.dirname(config.test_source_root), "include")))
config.substitutions.append(
    ("%check_maptidy",
     "/usr/bin/python3 " + os.path.join(config.test_source_root, "check_maptidy.py")))
config.substitutions.append(("%crash_plugin", config.crash_plugin))
config.substitutions.append(("%edit_plugin", config.edit_plugin))
config.substitutions.append(("%verify_plugin", config.verify_plugin))
config.substitutions.append(("%maptidy", config.maptidy_bin))
config.substitutions.append(("%plugin", config.maptidy_plugin))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "cli", "Inputs")))

# Libraries whose containers the composite-key checks can target
# (UnorderedMapTarget), and Boost.MPL, whose headers the analysis repairs
# (driver/SystemHeaderRepairs.h). ci/setup.sh installs them; CI runs must not
# skip the tests that need them.
for feature, header in (("absl", "absl/container/flat_hash_map.h"),
                        ("boost-unordered-flat",
                         "boost/unordered/unordered_flat_map.hpp"),
                        ("boost-mpl", "boost/mpl/integral_c.hpp")):
    if os.path.exists(os.path.join("/usr/include", header)):
        config.available_features.add(feature)
    elif os.environ.get("CI"):
        lit_config.fatal(f"{header} is missing; run ci/setup.sh")
