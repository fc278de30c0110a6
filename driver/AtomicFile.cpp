//===--- AtomicFile.cpp - maptidy -----------------------------------------===//

#include "AtomicFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

namespace fs = llvm::sys::fs;

namespace maptidy {

static llvm::Error cannotWrite(llvm::StringRef Path,
                               const llvm::Twine &Reason) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot write '" + Path + "': " + Reason);
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (fs::is_directory(Path))
    return cannotWrite(Path, "it is a directory");
  llvm::SmallString<256> Directory(Path);
  fs::make_absolute(Directory);
  llvm::sys::path::remove_filename(Directory);
  if (!fs::is_directory(Directory))
    return cannotWrite(Path, "No such file or directory");
  if (std::error_code Error = fs::access(Directory, fs::AccessMode::Write))
    return cannotWrite(Path, Error.message());
  if (!fs::exists(Path))
    return llvm::Error::success();
  llvm::ErrorOr<fs::perms> Permissions = fs::getPermissions(Path);
  if (!Permissions)
    return cannotWrite(Path, Permissions.getError().message());
  if ((*Permissions & fs::all_write) == 0)
    return cannotWrite(Path, "the file is read-only");
  if (std::error_code Error = fs::access(Path, fs::AccessMode::Write))
    return cannotWrite(Path, Error.message());
  return llvm::Error::success();
}

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  if (llvm::Error Error = checkWritable(Path))
    return Error;
  llvm::ErrorOr<fs::perms> Kept = fs::getPermissions(Path);
  llvm::SmallString<256> Model(Path);
  Model += ".maptidy-%%%%%%";
  int FD;
  llvm::SmallString<256> Temporary;
  if (std::error_code Error = fs::createUniqueFile(Model, FD, Temporary))
    return cannotWrite(Path, Error.message());
  // LLVM's handlers of SIGINT, SIGTERM and SIGHUP remove it.
  llvm::sys::RemoveFileOnSignal(Temporary);
  std::error_code Failure;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    if (Kept)
      Failure = fs::setPermissions(FD, *Kept);
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      Failure = OS.error();
      OS.clear_error();
    }
  }
  if (!Failure)
    Failure = fs::rename(Temporary, Path);
  if (Failure)
    fs::remove(Temporary);
  llvm::sys::DontRemoveFileOnSignal(Temporary);
  if (Failure)
    return cannotWrite(Path, Failure.message());
  return llvm::Error::success();
}

} // namespace maptidy
