//===--- Baseline.cpp - maptidy -------------------------------------------===//
//
// The file is JSON: {"version": 1, "findings": [{"fingerprint": ...}, ...]};
// each finding also names its check, file, line and message for readers and
// reviews of the file, but only the fingerprint is matched.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Report.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace maptidy {

static llvm::Error invalid(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid baseline '" + Path + "': " + Why);
}

/// llvm::json's "[line:column, byte=offset]: message" (a 0-based column)
/// as maptidy's other syntax errors: "invalid baseline 'path:line:column':
/// message".
static llvm::Error syntaxError(llvm::StringRef Path, llvm::StringRef Error) {
  auto [Position, Message] = Error.split("]: ");
  auto [Line, Column] = Position.split(',').first.split(':');
  unsigned ColumnIndex = 0;
  if (!Line.consume_front("[") || Column.getAsInteger(10, ColumnIndex))
    return invalid(Path, Error);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid baseline '" + Path + ":" + Line +
                                     ":" + llvm::Twine(ColumnIndex + 1) +
                                     "': " + Message);
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read baseline '" + Path +
                                       "': " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return syntaxError(Path, llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getInteger("version") != 1)
    return invalid(Path, "not a maptidy baseline (version 1)");
  const llvm::json::Array *Findings = Root->getArray("findings");
  if (!Findings)
    return invalid(Path, "no 'findings' array");
  llvm::StringSet<> Fingerprints;
  for (const llvm::json::Value &Entry : *Findings) {
    const llvm::json::Object *Finding = Entry.getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        Finding ? Finding->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return invalid(Path, "a finding without a 'fingerprint'");
    Fingerprints.insert(*Fingerprint);
  }
  return Fingerprints;
}

std::string baselineText(llvm::ArrayRef<const Finding *> Findings,
                         const ProjectRoot &Root) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const Finding *F : Findings)
        J.object([&] {
          J.attribute("fingerprint", F->Fingerprint);
          J.attribute("check", F->Error.DiagnosticName);
          J.attribute("file", jsonText(Root.relative(F->Path)));
          J.attribute("line", F->Where.Line);
          J.attribute("message", jsonText(F->Error.Message.Message));
        });
    });
  });
  OS << "\n";
  return Text;
}

} // namespace maptidy
