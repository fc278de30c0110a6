//===--- ProjectRoot.cpp - maptidy ----------------------------------------===//

#include "ProjectRoot.h"
#include "SourceCache.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace maptidy {

ProjectRoot::ProjectRoot(llvm::StringRef Given) {
  llvm::SmallString<256> Directory;
  llvm::sys::fs::current_path(Directory);
  if (!Given.empty()) {
    Root = resolvePath(Directory, Given);
    return;
  }
  Root = resolvePath("", Directory);
  for (llvm::StringRef Dir = Root; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git)) {
      Root = Dir.str();
      return;
    }
  }
}

bool ProjectRoot::contains(llvm::StringRef AbsolutePath) const {
  return AbsolutePath.starts_with(Root) &&
         (Root.back() == '/' ||
          AbsolutePath.drop_front(Root.size()).starts_with("/"));
}

std::string ProjectRoot::relative(llvm::StringRef AbsolutePath) const {
  if (!contains(AbsolutePath))
    return AbsolutePath.str();
  return AbsolutePath.drop_front(Root.size()).ltrim('/').str();
}

std::string ProjectRoot::uri() const {
  std::string Uri = "file://" + uriPath(Root);
  if (Uri.back() != '/')
    Uri += '/';
  return Uri;
}

std::string uriPath(llvm::StringRef Path) {
  std::string Escaped;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Escaped += C;
    else
      Escaped += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Escaped;
}

} // namespace maptidy
