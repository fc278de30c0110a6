//===--- SourceCache.cpp - maptidy ----------------------------------------===//

#include "SourceCache.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace maptidy {

std::string resolvePath(llvm::StringRef BuildDirectory, llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  if (!llvm::sys::path::is_absolute(Absolute) && !BuildDirectory.empty()) {
    Absolute = BuildDirectory;
    llvm::sys::path::append(Absolute, Path);
  }
  llvm::sys::fs::make_absolute(Absolute);
  // The file system first: ".." after a symbolic link is not lexical.
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

SourceCache::File *SourceCache::get(llvm::StringRef Path) {
  auto [It, Inserted] = Files.try_emplace(Path);
  File &Entry = It->getValue();
  if (Inserted) {
    // Null-terminated, as clang's source manager wants its buffers.
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (Buffer) {
      Entry.Buffer = std::move(*Buffer);
      llvm::StringRef Text = Entry.Buffer->getBuffer();
      Entry.LineStarts.push_back(0);
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          Entry.LineStarts.push_back(I + 1);
    }
  }
  return Entry.Buffer ? &Entry : nullptr;
}

std::optional<llvm::StringRef> SourceCache::contents(llvm::StringRef Path) {
  if (File *Entry = get(Path))
    return Entry->Buffer->getBuffer();
  return std::nullopt;
}

Position SourceCache::position(llvm::StringRef Path, unsigned Offset) {
  File *Entry = Path.empty() ? nullptr : get(Path);
  if (!Entry)
    return {};
  auto Next = llvm::upper_bound(Entry->LineStarts, Offset);
  const unsigned Line = Next - Entry->LineStarts.begin();
  return {Line, Offset - Entry->LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceCache::lineText(llvm::StringRef Path, unsigned Line) {
  File *Entry = get(Path);
  if (!Entry || Line == 0 || Line > Entry->LineStarts.size())
    return {};
  llvm::StringRef Text = Entry->Buffer->getBuffer();
  return Text.substr(Entry->LineStarts[Line - 1])
      .take_until([](char C) { return C == '\n'; })
      .rtrim('\r');
}

unsigned SourceCache::utf16Column(llvm::StringRef Path, Position Where) {
  llvm::StringRef Before =
      lineText(Path, Where.Line).take_front(Where.Column - 1);
  unsigned Units = 0;
  for (unsigned char C : Before) {
    if ((C & 0xC0) != 0x80) // Not a continuation byte: a new code point.
      ++Units;
    if ((C & 0xF8) == 0xF0) // A 4-byte sequence needs a surrogate pair.
      ++Units;
  }
  return Units + 1 + (Where.Column - 1 - Before.size());
}

} // namespace maptidy
