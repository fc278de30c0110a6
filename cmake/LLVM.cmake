# Locates LLVM/Clang 22 and the clang-tidy and clangd libraries shipped with them.
# Debian's config files want major.minor and other LLVM versions may be installed too.
set(MAPTIDY_LLVM_ROOT /usr/lib/llvm-22 CACHE PATH "Prefix of the LLVM 22 installation")
# LLVMConfig looks for libedit with a C probe (check_include_file) when
# libedit-dev is installed; without C enabled, that probe fails the configure.
enable_language(C)
find_package(LLVM 22.1 REQUIRED CONFIG HINTS ${MAPTIDY_LLVM_ROOT}/lib/cmake/llvm NO_DEFAULT_PATH)
find_package(Clang 22.1 REQUIRED CONFIG HINTS ${MAPTIDY_LLVM_ROOT}/lib/cmake/clang NO_DEFAULT_PATH)
message(STATUS "maptidy: LLVM ${LLVM_PACKAGE_VERSION} in ${LLVM_INSTALL_PREFIX}")

# maptidy links LLVMSupport statically; its link interface names these.
if(NOT TARGET zstd::libzstd_shared OR NOT TARGET ZLIB::ZLIB)
  message(FATAL_ERROR "maptidy needs zlib1g-dev and libzstd-dev (ci/setup.sh installs them)")
endif()

# Builtin headers (stddef.h, ...) of the clang we link; the driver falls back to it when
# no lib/clang/<major> directory sits next to the binary.
set(MAPTIDY_CLANG_RESOURCE_DIR
  ${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR} CACHE PATH "Clang resource directory")

# clangdMain's link interface names the remote-index libraries, which need gRPC and protobuf
# targets to exist at generate time.
find_package(Protobuf REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GRPCPP REQUIRED IMPORTED_TARGET grpc++)
if(NOT TARGET gRPC::grpc++)
  add_library(gRPC::grpc++ INTERFACE IMPORTED)
  target_link_libraries(gRPC::grpc++ INTERFACE PkgConfig::GRPCPP)
endif()

# Settings shared by everything compiled against LLVM/Clang headers.
add_library(maptidy_llvm_settings INTERFACE)
target_include_directories(maptidy_llvm_settings SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS} ${LLVM_INCLUDE_DIRS}/clang-tidy)
target_compile_definitions(maptidy_llvm_settings INTERFACE ${LLVM_DEFINITIONS})
target_compile_options(maptidy_llvm_settings INTERFACE -fno-exceptions
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
