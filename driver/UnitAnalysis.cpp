//===--- UnitAnalysis.cpp - maptidy ---------------------------------------===//

#include "UnitAnalysis.h"
#include "CheckGlobs.h"
#include "ClangTidy.h"
#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include <optional>

using namespace clang;
using namespace clang::tidy;

namespace maptidy {

namespace {

/// Narrows the traversal of the matchers that run next, and of the parent
/// map they build, to the top-level declarations outside system headers.
class SkipSystemHeaders : public ASTConsumer {
  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Context.getSourceManager();
    std::vector<Decl *> UserDecls;
    for (Decl *D : Context.getTranslationUnitDecl()->decls()) {
      const SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
      if (Loc.isValid() && !SM.isInSystemHeader(Loc))
        UserDecls.push_back(D);
    }
    Context.setTraversalScope(UserDecls);
  }
};

/// The factories of maptidy's checks; a name that starts with "maptidy-" is
/// one of them.
ClangTidyCheckFactories maptidyCheckFactories() {
  ClangTidyCheckFactories Factories;
  for (const auto &Entry : ClangTidyModuleRegistry::entries())
    if (Entry.getName() == "maptidy-module")
      Entry.instantiate()->addCheckFactories(Factories);
  return Factories;
}

/// Runs the checks and owns them, their matchers and their profile, which
/// is reported when the consumer goes away.
class ChecksConsumer : public MultiplexConsumer {
public:
  ChecksConsumer(std::vector<std::unique_ptr<ASTConsumer>> Consumers,
                 std::unique_ptr<ClangTidyProfiling> Profiling,
                 std::unique_ptr<ast_matchers::MatchFinder> Finder,
                 std::vector<std::unique_ptr<ClangTidyCheck>> Checks)
      : MultiplexConsumer(std::move(Consumers)),
        Profiling(std::move(Profiling)), Finder(std::move(Finder)),
        Checks(std::move(Checks)) {}

private:
  std::unique_ptr<ClangTidyProfiling> Profiling;
  std::unique_ptr<ast_matchers::MatchFinder> Finder;
  std::vector<std::unique_ptr<ClangTidyCheck>> Checks;
};

class ChecksAction : public ASTFrontendAction {
public:
  ChecksAction(ClangTidyContext &Context,
               std::optional<ClangTidyASTConsumerFactory> &Factory,
               const ClangTidyCheckFactories &MaptidyFactories,
               llvm::StringMap<FileDigest> &Read)
      : Context(Context), Factory(Factory), MaptidyFactories(MaptidyFactories),
        Read(Read) {}

  /// When the configuration of the file can enable maptidy's checks only,
  /// creates them without clang-tidy's consumer factory, which would test
  /// each of its thousand checks against the globs (a few milliseconds), and
  /// narrows their traversal to user code. Otherwise, clang-tidy's factory
  /// creates every check the file enables, and analyzer checkers.
  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &Compiler, llvm::StringRef File) override {
    // The set-up clang-tidy's factory starts with.
    SourceManager &Sources = Compiler.getSourceManager();
    Context.setSourceManager(&Sources);
    Context.setCurrentFile(File);
    Context.setASTContext(&Compiler.getASTContext());
    if (auto WorkingDir = Sources.getFileManager()
                              .getVirtualFileSystem()
                              .getCurrentWorkingDirectory())
      Context.setCurrentBuildDirectory(*WorkingDir);

    const ClangTidyOptions &Options = Context.getOptions();
    if (!CheckGlobs(Options.Checks.value_or(""))
             .enableOnly({"maptidy-", "clang-diagnostic-"})) {
      if (!Factory) // It lists every module's checks: created when needed.
        Factory.emplace(Context);
      return Factory->createASTConsumer(Compiler, File);
    }

    std::vector<std::unique_ptr<ClangTidyCheck>> Checks =
        MaptidyFactories.createChecksForLanguage(&Context);
    // --enable-check-profile, as clang-tidy's factory does it.
    std::unique_ptr<ClangTidyProfiling> Profiling;
    ast_matchers::MatchFinder::MatchFinderOptions FinderOptions;
    if (Context.getEnableProfiling()) {
      Profiling = std::make_unique<ClangTidyProfiling>(
          Context.getProfileStorageParams());
      FinderOptions.CheckProfiling.emplace(Profiling->Records);
    }
    auto Finder = std::make_unique<ast_matchers::MatchFinder>(
        std::move(FinderOptions));
    Preprocessor &PP = Compiler.getPreprocessor();
    for (const auto &Check : Checks) {
      Check->registerMatchers(Finder.get());
      Check->registerPPCallbacks(Sources, &PP, &PP);
    }
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    if (!Options.SystemHeaders.value_or(false))
      Consumers.push_back(std::make_unique<SkipSystemHeaders>());
    Consumers.push_back(Finder->newASTConsumer());
    return std::make_unique<ChecksConsumer>(
        std::move(Consumers), std::move(Profiling), std::move(Finder),
        std::move(Checks));
  }

  /// Compiler warnings stay warnings: -Werror and -Werror=<group> in a
  /// compile command, and the warnings clang makes errors by default
  /// (narrowing in list-initialization, which GCC warns about), would turn
  /// code the project's compiler accepts into errors of the run. They are
  /// reported, as warnings, only where clang-diagnostic-* checks are enabled.
  bool BeginSourceFileAction(CompilerInstance &Compiler) override {
    DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    Diags.setWarningsAsErrors(false);
    // What -Wno-error=<group> does for each group ("-W" and "-Wno-" flags
    // are listed both).
    for (const std::string &Flag : DiagnosticIDs::getDiagnosticFlags())
      if (llvm::StringRef Name(Flag);
          Name.consume_front("-W") && !Name.starts_with("no-"))
        Diags.setDiagnosticGroupWarningAsError(Name, false);
    return true;
  }

  /// Records the user files (not system headers) as the analysis read them,
  /// before the source manager that holds them goes away: --fix applies
  /// fix-its to these versions only, and verifies a fixed file in the units
  /// that read it.
  void EndSourceFileAction() override {
    const SourceManager &Sources = getCompilerInstance().getSourceManager();
    for (unsigned I = 0, N = Sources.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &Entry = Sources.getLocalSLocEntry(I);
      if (!Entry.isFile() ||
          SrcMgr::isSystem(Entry.getFile().getFileCharacteristic()))
        continue;
      const SrcMgr::ContentCache &Content =
          Entry.getFile().getContentCache();
      if (!Content.OrigEntry)
        continue;
      if (std::optional<llvm::MemoryBufferRef> Buffer =
              Content.getBufferIfLoaded())
        Read[Content.OrigEntry->getName()] = digestOf(Buffer->getBuffer());
    }
  }

private:
  ClangTidyContext &Context;
  std::optional<ClangTidyASTConsumerFactory> &Factory;
  const ClangTidyCheckFactories &MaptidyFactories;
  llvm::StringMap<FileDigest> &Read;
};

class ChecksActionFactory : public tooling::FrontendActionFactory {
public:
  ChecksActionFactory(ClangTidyContext &Context,
                      llvm::StringMap<FileDigest> &Read)
      : Context(Context), MaptidyFactories(maptidyCheckFactories()),
        Read(Read) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ChecksAction>(Context, Factory, MaptidyFactories,
                                          Read);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *Diagnostics) override {
    // Code guarded by __clang_analyzer__ is analyzed, as by clang-tidy.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." lines: they name no file, and the report
    // shows the findings they count.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(
        std::move(Invocation), Files, std::move(PCHContainerOps), Diagnostics);
  }

private:
  ClangTidyContext &Context;
  std::optional<ClangTidyASTConsumerFactory> Factory;
  ClangTidyCheckFactories MaptidyFactories;
  llvm::StringMap<FileDigest> &Read;
};

/// RemovedArgs, then ExtraArgsBefore and ExtraArgs, of the options that apply
/// to the file, as clang-tidy applies them.
tooling::ArgumentsAdjuster extraArguments(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args,
                    llvm::StringRef File) {
    const ClangTidyOptions Options = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Args;
    if (Options.RemovedArgs)
      llvm::erase_if(Adjusted, [&](const std::string &Arg) {
        return llvm::is_contained(*Options.RemovedArgs, Arg);
      });
    if (Options.ExtraArgsBefore) {
      // After the compiler's name, when the command starts with one.
      auto At = Adjusted.begin();
      if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
        ++At;
      Adjusted.insert(At, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    return Adjusted;
  };
}

} // namespace

std::vector<ClangTidyError>
runChecksOnUnit(ClangTidyContext &Context,
                const tooling::CompilationDatabase &Database,
                const std::string &File, bool FixNotes,
                llvm::StringMap<FileDigest> &Read,
                llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                const llvm::StringMap<std::string> *Overlay) {
  tooling::ClangTool Tool(Database, {File},
                          std::make_shared<PCHContainerOperations>(),
                          std::move(FS));
  if (Overlay)
    for (const auto &Entry : *Overlay)
      Tool.mapVirtualFile(Entry.getKey(), Entry.getValue());
  Tool.appendArgumentsAdjuster(extraArguments(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer Consumer(Context, /*ExternalDiagEngine=*/nullptr,
                                       /*RemoveIncompatibleErrors=*/true,
                                       /*GetFixesFromNotes=*/FixNotes);
  auto Options = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(DiagnosticIDs::create(), *Options, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(Options), &Engine);
  Tool.setDiagnosticConsumer(&Consumer);

  ChecksActionFactory Factory(Context, Read);
  Tool.run(&Factory);
  return Consumer.take();
}

} // namespace maptidy
