//===--- PluginLoading.cpp - maptidy --------------------------------------===//

#include "PluginLoading.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/DynamicLibrary.h"
#include <string>
#include <vector>

namespace maptidy {

namespace {

llvm::Error failure(llvm::StringRef Path, const llvm::Twine &Reason) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot load '" + Path + "': " + Reason);
}

/// The DT_NEEDED entries of an ELF shared library; none for other files,
/// which the dynamic loader then refuses with its own message.
llvm::Expected<std::vector<std::string>> neededLibraries(llvm::StringRef Path) {
  auto Owner = llvm::object::ObjectFile::createObjectFile(Path);
  if (!Owner)
    return Owner.takeError();
  const auto *Elf =
      llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(Owner->getBinary());
  if (!Elf)
    return std::vector<std::string>();
  const auto &File = Elf->getELFFile();
  auto Entries = File.dynamicEntries();
  if (!Entries)
    return Entries.takeError();
  uint64_t TableAddress = 0, TableSize = 0;
  for (const auto &Entry : *Entries) {
    if (Entry.getTag() == llvm::ELF::DT_STRTAB)
      TableAddress = Entry.getPtr();
    else if (Entry.getTag() == llvm::ELF::DT_STRSZ)
      TableSize = Entry.getVal();
  }
  std::vector<std::string> Needed;
  if (TableAddress == 0)
    return Needed;
  auto Table = File.toMappedAddr(TableAddress);
  if (!Table)
    return Table.takeError();
  // A table outside the file: the dynamic loader will say what is wrong.
  const llvm::StringRef Data = Elf->getData();
  if (*Table < Data.bytes_begin() || *Table > Data.bytes_end())
    return Needed;
  const llvm::StringRef Strings =
      Data.substr(*Table - Data.bytes_begin(), TableSize);
  for (const auto &Entry : *Entries)
    if (Entry.getTag() == llvm::ELF::DT_NEEDED &&
        Entry.getVal() < Strings.size())
      Needed.push_back(Strings.drop_front(Entry.getVal())
                           .take_until([](char C) { return C == '\0'; })
                           .str());
  return Needed;
}

} // namespace

llvm::Error loadPlugin(llvm::StringRef Path) {
  auto Needed = neededLibraries(Path);
  if (!Needed)
    return failure(Path, llvm::toString(Needed.takeError()));
  for (llvm::StringRef Library : *Needed)
    if (Library.starts_with("libLLVM") || Library.starts_with("libclang-cpp"))
      return failure(Path,
                     "it links " + Library +
                         ", and maptidy has LLVM and Clang built in; build it "
                         "without linking them or load it into clang-tidy");
  std::string Reason;
  if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(Path.str().c_str(),
                                                        &Reason))
    return failure(Path, Reason);
  return llvm::Error::success();
}

} // namespace maptidy
