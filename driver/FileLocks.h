//===--- FileLocks.h - maptidy --------------------------------------------===//
//
// Advisory locks (flock) on the files --fix is about to replace, so that two
// maptidy runs do not fix the same file at once: the second waits, then reads
// the file the first wrote, sees that it is not the version it analyzed and
// leaves it alone. A lock is taken on the file a path names when the lock is
// granted: a file replaced (renamed over) while waiting is noticed, and the
// new file is locked instead. Runs take their locks in the order of the
// paths, so that two runs cannot wait for each other.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FILELOCKS_H
#define MAPTIDY_DRIVER_FILELOCKS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <sys/types.h>
#include <vector>

namespace maptidy {

/// The locks taken, held until it is destroyed.
class FileLocks {
public:
  FileLocks() = default;
  ~FileLocks();
  FileLocks(const FileLocks &) = delete;
  FileLocks &operator=(const FileLocks &) = delete;

  /// Waits for the lock on \p Path, then returns the contents of the file
  /// locked; fails with "cannot read '<Path>': <reason>". Call it in the
  /// order of the paths.
  llvm::Expected<std::string> lockAndRead(llvm::StringRef Path);

private:
  struct Held {
    dev_t Device;
    ino_t Inode;
    int FD;
  };
  /// Locks the file \p Path names and returns its descriptor, or -1 with
  /// errno set.
  int lock(llvm::StringRef Path);

  std::vector<Held> Locks;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FILELOCKS_H
