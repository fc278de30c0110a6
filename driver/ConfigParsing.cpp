//===--- ConfigParsing.cpp - maptidy --------------------------------------===//

#include "ConfigParsing.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include <optional>
#include <tuple>
#include <utility>

using namespace clang::tidy;

namespace maptidy {

namespace {
struct Problem {
  unsigned Line;
  unsigned Column;
  std::string Message;
};
} // namespace

/// \p Source with the position of \p Where.
static std::string located(llvm::StringRef Source, const Problem &Where) {
  return (Source + ":" + llvm::Twine(Where.Line) + ":" +
          llvm::Twine(Where.Column))
      .str();
}

/// The byte range of the top-level entry of \p Text whose key is \p Key: from
/// the key to the next key, or to the end of the mapping. Empty when \p Key
/// is not a top-level key.
static std::pair<size_t, size_t> topLevelEntry(llvm::StringRef Text,
                                               llvm::StringRef Key) {
  llvm::SourceMgr Sources;
  Sources.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
  llvm::yaml::Stream Stream(Text, Sources);
  llvm::yaml::document_iterator Document = Stream.begin();
  if (Document == Stream.end())
    return {0, 0};
  auto *Root = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(
      Document->getRoot());
  if (!Root)
    return {0, 0};
  std::vector<size_t> Starts;
  std::optional<size_t> Found;
  for (llvm::yaml::KeyValueNode &Entry : *Root) {
    llvm::yaml::Node *Name = Entry.getKey();
    if (!Name)
      continue;
    Starts.push_back(Name->getSourceRange().Start.getPointer() - Text.data());
    llvm::SmallString<32> Storage;
    if (auto *Scalar = llvm::dyn_cast<llvm::yaml::ScalarNode>(Name))
      if (!Found && Scalar->getValue(Storage) == Key)
        Found = Starts.size() - 1;
  }
  if (!Found)
    return {0, 0};
  if (*Found + 1 < Starts.size())
    return {Starts[*Found], Starts[*Found + 1]};
  const bool Flow = Text.take_front(Starts.front()).rtrim().ends_with("{");
  if (!Flow)
    return {Starts[*Found], Text.size()};
  // The last entry of a flow mapping: up to the '}', from the comma before it
  // (a comma before the '}' does not parse).
  const size_t Comma = *Found ? Text.rfind(',', Starts[*Found]) : 0;
  return {*Found && Comma != llvm::StringRef::npos ? Comma : Starts[*Found],
          std::min(Text.rfind('}'), Text.size())};
}

llvm::Expected<ClangTidyOptions>
parseConfigText(llvm::StringRef Text, llvm::StringRef Source,
                std::vector<std::string> *Ignored) {
  std::string Kept = Text.str();
  std::vector<std::pair<Problem, std::string>> Dropped;
  // clang-tidy's parser names one unknown key at a time, in no particular
  // order: drop it and parse again.
  while (true) {
    std::optional<Problem> First;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Kept, Source),
        [&](const llvm::SMDiagnostic &Diag) {
          if (!First && Diag.getKind() == llvm::SourceMgr::DK_Error)
            First = Problem{static_cast<unsigned>(Diag.getLineNo()),
                            static_cast<unsigned>(Diag.getColumnNo() + 1),
                            Diag.getMessage().str()};
        });
    if (Parsed) {
      llvm::sort(Dropped, [](const auto &A, const auto &B) {
        return std::tie(A.first.Line, A.first.Column) <
               std::tie(B.first.Line, B.first.Column);
      });
      for (const auto &[Where, Key] : Dropped)
        Ignored->push_back("ignoring '" + Key + "' in '" +
                           located(Source, Where) +
                           "', an option clang-tidy " MAPTIDY_LLVM_VERSION_MAJOR
                           " does not have");
      return std::move(*Parsed);
    }
    if (!First)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid configuration in '" + Source +
                                         "': " + Parsed.getError().message());
    llvm::StringRef Key = First->Message;
    std::pair<size_t, size_t> Entry = {0, 0};
    if (Ignored && Key.consume_front("unknown key '") &&
        Key.consume_back("'"))
      Entry = topLevelEntry(Kept, Key);
    if (Entry.first == Entry.second)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid configuration in '" +
                                         located(Source, *First) +
                                         "': " + First->Message);
    Dropped.emplace_back(*First, Key.str());
    // Blanks, so that later positions stay where they are in the file.
    for (size_t I = Entry.first; I < Entry.second; ++I)
      if (Kept[I] != '\n')
        Kept[I] = ' ';
  }
}

} // namespace maptidy
