//===--- LspDocLinks.cpp - maptidy-clangd ---------------------------------===//

#include "LspDocLinks.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace maptidy {

static constexpr llvm::StringLiteral LlvmPages =
    "\"https://clang.llvm.org/extra/clang-tidy/checks/maptidy/";

std::string withMaptidyDocLinks(llvm::StringRef Message,
                                llvm::StringRef DocsBase) {
  std::string Result;
  while (true) {
    const size_t At = Message.find(LlvmPages);
    const size_t End = At == llvm::StringRef::npos
                           ? At
                           : Message.find(".html\"", At + LlvmPages.size());
    if (End == llvm::StringRef::npos) {
      Result += Message;
      return Result;
    }
    const llvm::StringRef Check =
        Message.slice(At + LlvmPages.size(), End);
    Result += Message.take_front(At);
    Result += "\"";
    llvm::raw_string_ostream OS(Result);
    OS.write_escaped(DocsBase);
    Result += "checks/" + Check.str() + ".md\"";
    Message = Message.drop_front(End + strlen(".html\""));
  }
}

namespace {

/// Reads LSP messages (headers, a blank line, Content-Length bytes) from a
/// pipe and writes them, filtered, to the real standard output.
class Filter {
public:
  Filter(int In, int Out, std::string DocsBase)
      : In(In), Out(Out), DocsBase(std::move(DocsBase)) {}

  void run() {
    char Chunk[65536];
    while (true) {
      const ssize_t Read = ::read(In, Chunk, sizeof Chunk);
      if (Read < 0 && errno == EINTR)
        continue;
      if (Read <= 0)
        break;
      Pending.append(Chunk, Read);
      forwardWholeMessages();
    }
    write(Pending); // What is left is not a whole message: as it is.
  }

private:
  void forwardWholeMessages() {
    while (true) {
      const size_t HeadersEnd = Pending.find("\r\n\r\n");
      if (HeadersEnd == std::string::npos)
        return;
      const llvm::StringRef Headers(Pending.data(), HeadersEnd);
      size_t Length = 0;
      const size_t Field = Headers.find_insensitive("content-length:");
      if (Field == llvm::StringRef::npos ||
          Headers.substr(Field + strlen("content-length:"))
              .split('\r')
              .first.trim()
              .getAsInteger(10, Length)) {
        // Not LSP framing: pass everything through untouched from now on.
        write(Pending);
        Pending.clear();
        return;
      }
      const size_t BodyStart = HeadersEnd + 4;
      if (Pending.size() < BodyStart + Length)
        return;
      const std::string Body = withMaptidyDocLinks(
          llvm::StringRef(Pending).substr(BodyStart, Length), DocsBase);
      write("Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" +
            Body);
      Pending.erase(0, BodyStart + Length);
    }
  }

  void write(llvm::StringRef Data) {
    while (!Data.empty()) {
      const ssize_t Written = ::write(Out, Data.data(), Data.size());
      if (Written < 0 && errno == EINTR)
        continue;
      if (Written <= 0)
        return;
      Data = Data.drop_front(Written);
    }
  }

  int In;
  int Out;
  std::string DocsBase;
  std::string Pending;
};

std::thread *Forwarder = nullptr;

/// At exit: the last output reaches the pipe, the pipe closes, and the
/// filter forwards everything before the process ends.
void finishFiltering() {
  llvm::outs().flush();
  std::fflush(stdout);
  ::close(STDOUT_FILENO);
  Forwarder->join();
}

} // namespace

void filterStandardOutput(std::string DocsBase) {
  int Pipe[2];
  const int RealOut = ::dup(STDOUT_FILENO);
  if (RealOut < 0 || ::pipe(Pipe) != 0)
    return; // Unfiltered output is still correct output.
  ::dup2(Pipe[1], STDOUT_FILENO);
  ::close(Pipe[1]);
  Forwarder = new std::thread([In = Pipe[0], RealOut, DocsBase] {
    Filter(In, RealOut, DocsBase).run();
  });
  std::atexit(finishFiltering);
}

} // namespace maptidy
