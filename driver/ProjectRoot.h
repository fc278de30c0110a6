//===--- ProjectRoot.h - maptidy ------------------------------------------===//
//
// The directory that report paths are relative to: --source-root, else the
// enclosing git work tree, else the working directory. Relative paths keep
// fingerprints and SARIF locations the same on every checkout.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PROJECTROOT_H
#define MAPTIDY_DRIVER_PROJECTROOT_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace maptidy {

class ProjectRoot {
public:
  /// \p Given is --source-root, or empty.
  explicit ProjectRoot(llvm::StringRef Given);

  llvm::StringRef path() const { return Root; }
  bool contains(llvm::StringRef AbsolutePath) const;
  /// \p AbsolutePath relative to the root with '/' separators, or unchanged
  /// when it is outside.
  std::string relative(llvm::StringRef AbsolutePath) const;
  /// "file:///root/", with the trailing slash SARIF base URIs need.
  std::string uri() const;

private:
  std::string Root;
};

/// \p Path with the characters that are not allowed in a URI path escaped.
std::string uriPath(llvm::StringRef Path);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PROJECTROOT_H
