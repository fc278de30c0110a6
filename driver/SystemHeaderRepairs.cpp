//===--- SystemHeaderRepairs.cpp - maptidy --------------------------------===//

#include "SystemHeaderRepairs.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <memory>
#include <optional>
#include <string>

namespace maptidy {

namespace {

/// One edit of a header: the text it replaces, exactly as the header has it.
struct HeaderRepair {
  llvm::StringRef PathSuffix;
  llvm::StringRef Original;
  llvm::StringRef Repaired;
};

// __is_enum is Clang's builtin trait: the repaired text is only ever read by
// Clang, and needs no include.
constexpr HeaderRepair Repairs[] = {
    {"boost/mpl/aux_/integral_wrapper.hpp",
     "BOOST_MPL_AUX_STATIC_CAST(AUX_WRAPPER_VALUE_TYPE, (value + 1))",
     "BOOST_MPL_AUX_STATIC_CAST(AUX_WRAPPER_VALUE_TYPE, "
     "(value + (__is_enum(AUX_WRAPPER_VALUE_TYPE) ? 0 : 1)))"},
    {"boost/mpl/aux_/integral_wrapper.hpp",
     "BOOST_MPL_AUX_STATIC_CAST(AUX_WRAPPER_VALUE_TYPE, (value - 1))",
     "BOOST_MPL_AUX_STATIC_CAST(AUX_WRAPPER_VALUE_TYPE, "
     "(value - (__is_enum(AUX_WRAPPER_VALUE_TYPE) ? 0 : 1)))"},
};

/// Whether \p Path names a file whose path ends in the components
/// \p Suffix.
bool endsInPath(llvm::StringRef Path, llvm::StringRef Suffix) {
  return Path.ends_with(Suffix) &&
         (Path.size() == Suffix.size() ||
          Path[Path.size() - Suffix.size() - 1] == '/');
}

/// Whether a repair names \p Path: its file name is compared first, so that
/// the other files the compiler opens cost no path conversion.
bool repairsApplyTo(llvm::StringRef Path) {
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  return llvm::any_of(Repairs, [&](const HeaderRepair &Repair) {
    return Name == llvm::sys::path::filename(Repair.PathSuffix,
                                             llvm::sys::path::Style::posix) &&
           endsInPath(llvm::sys::path::convert_to_slash(Path),
                      Repair.PathSuffix);
  });
}

/// \p Text with the repairs of \p Path made, or nothing when none applies.
std::optional<std::string> repairedText(llvm::StringRef Path,
                                        llvm::StringRef Text) {
  std::string Result = Text.str();
  bool Changed = false;
  for (const HeaderRepair &Repair : Repairs) {
    if (!endsInPath(Path, Repair.PathSuffix))
      continue;
    for (size_t At = Result.find(Repair.Original); At != std::string::npos;
         At = Result.find(Repair.Original, At + Repair.Repaired.size())) {
      Result.replace(At, Repair.Original.size(), Repair.Repaired.str());
      Changed = true;
    }
  }
  if (!Changed)
    return std::nullopt;
  return Result;
}

/// A repaired header: its text, with the status of the file it replaces
/// but for the size, which the source manager checks against the text.
class RepairedFile : public llvm::vfs::File {
public:
  RepairedFile(llvm::vfs::Status Status,
               std::shared_ptr<const std::string> Text)
      : FileStatus(std::move(Status)), Text(std::move(Text)) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return FileStatus; }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t, bool, bool) override {
    return llvm::MemoryBuffer::getMemBufferCopy(*Text, Name);
  }
  std::error_code close() override { return {}; }

private:
  llvm::vfs::Status FileStatus;
  std::shared_ptr<const std::string> Text;
};

class RepairingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    if (std::optional<Repaired> Header = repaired(Path))
      return Header->FileStatus;
    return ProxyFileSystem::status(Path);
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    if (std::optional<Repaired> Header = repaired(Path))
      return std::make_unique<RepairedFile>(Header->FileStatus, Header->Text);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  struct Repaired {
    llvm::vfs::Status FileStatus;
    std::shared_ptr<const std::string> Text;
  };

  /// The repaired header at \p Path, read once: status() and reads agree.
  std::optional<Repaired> repaired(const llvm::Twine &Path) {
    llvm::SmallString<128> Name;
    llvm::StringRef PathText = Path.toStringRef(Name);
    if (!repairsApplyTo(PathText))
      return std::nullopt;
    if (auto Known = Cache.find(PathText); Known != Cache.end())
      return Known->getValue();
    std::optional<Repaired> Result;
    llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> File =
        ProxyFileSystem::openFileForRead(PathText);
    if (File) {
      llvm::ErrorOr<llvm::vfs::Status> Status = (*File)->status();
      auto Buffer = (*File)->getBuffer(PathText);
      if (Status && Buffer)
        if (std::optional<std::string> Text =
                repairedText(llvm::sys::path::convert_to_slash(PathText),
                             (*Buffer)->getBuffer()))
          Result = Repaired{
              llvm::vfs::Status::copyWithNewSize(*Status, Text->size()),
              std::make_shared<const std::string>(std::move(*Text))};
    }
    Cache[PathText] = Result;
    return Result;
  }

  llvm::StringMap<std::optional<Repaired>> Cache;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
withSystemHeaderRepairs(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base) {
  return llvm::makeIntrusiveRefCnt<RepairingFileSystem>(std::move(Base));
}

} // namespace maptidy
