//===--- FileLocks.cpp - maptidy ------------------------------------------===//

#include "FileLocks.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace maptidy {

FileLocks::~FileLocks() {
  for (const Held &Lock : Locks)
    ::close(Lock.FD);
}

int FileLocks::lock(llvm::StringRef Path) {
  const std::string Name = Path.str();
  for (;;) {
    const int FD = llvm::sys::RetryAfterSignal(-1, ::open, Name.c_str(),
                                               O_RDONLY | O_CLOEXEC);
    if (FD < 0)
      return -1;
    struct stat Opened;
    if (::fstat(FD, &Opened) != 0) {
      const int Error = errno;
      ::close(FD);
      errno = Error;
      return -1;
    }
    // Two paths of one file (hard links): a second flock on it would wait
    // for this process itself.
    const bool Mine = llvm::any_of(Locks, [&](const Held &Lock) {
      return Lock.Device == Opened.st_dev && Lock.Inode == Opened.st_ino;
    });
    if (!Mine && llvm::sys::RetryAfterSignal(-1, ::flock, FD, LOCK_EX) != 0) {
      const int Error = errno;
      ::close(FD);
      errno = Error;
      return -1;
    }
    // The run that held the lock may have replaced the file meanwhile.
    struct stat Named;
    if (::stat(Name.c_str(), &Named) == 0 && Named.st_dev == Opened.st_dev &&
        Named.st_ino == Opened.st_ino) {
      Locks.push_back({Opened.st_dev, Opened.st_ino, FD});
      return FD;
    }
    ::close(FD);
  }
}

llvm::Expected<std::string> FileLocks::lockAndRead(llvm::StringRef Path) {
  auto CannotRead = [&](std::error_code Error) {
    return llvm::createStringError(Error, "cannot read '" + Path +
                                              "': " + Error.message());
  };
  const int FD = lock(Path);
  if (FD < 0)
    return CannotRead(std::error_code(errno, std::generic_category()));
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Contents =
      llvm::MemoryBuffer::getOpenFile(
          llvm::sys::fs::convertFDToNativeFile(FD), Path,
          /*FileSize=*/-1, /*RequiresNullTerminator=*/false);
  if (!Contents)
    return CannotRead(Contents.getError());
  return (*Contents)->getBuffer().str();
}

} // namespace maptidy
