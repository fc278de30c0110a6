//===--- UnsynchronizedMapAccessCheck.h - maptidy -------------------------===//

#ifndef MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H
#define MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H

#include "DeclarationRewrite.h"
#include "HeaderInserter.h"
#include "LockInference.h"
#include "LockVocabulary.h"
#include "ProjectRewrites.h"
#include "SpelledSourceCheck.h"
#include "ThreadHandshake.h"
#include "ThreadSharing.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Infers which mutex member guards a map member from the accesses that hold
/// it, and reports the accesses that do not; inserts the lock when that
/// cannot deadlock. Also reports maps written by threads that share them
/// without any lock, and makes them maptidy::sharded_map when it can.
///
/// For the user-facing documentation see
/// docs/checks/unsynchronized-map-access.md.
class UnsynchronizedMapAccessCheck : public SpelledSourceCheck {
public:
  UnsynchronizedMapAccessCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void onEndOfTranslationUnit() override;

  /// What \p Start runs on another thread, if it starts one.
  std::optional<ThreadEntry> threadEntry(const Stmt &Start) const {
    return Starts.entryOf(Start);
  }

private:
  /// A thread start and the code it runs.
  struct Started {
    const Stmt *Launch;
    ThreadEntry Entry;
  };
  /// Who else touches a map while a thread may, in the words of the finding.
  enum class Concurrency {
    SameCodeWrites,
    OtherThreadAccesses,
    LauncherAccesses,
    OtherThreadWrites,
    LauncherWrites
  };

  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void reportGuards(const CXXRecordDecl &Record, const ClassLocks &Locks);
  /// Reports the accesses that miss the guard, with \p HeldCount at the end
  /// of each message; conditional on the guard, in \p Part, when not null.
  void reportGuard(const MapGuardReport &Report, StringRef HeldCount,
                   ProjectGuardPart *Part);
  /// Why the accesses \p Found cannot be fixed by locking \p Guard at the
  /// start of their block (the note), or none.
  std::optional<std::string> whyNoLock(const UnguardedAccesses &Found,
                                       const FieldDecl &Guard,
                                       StringRef MapName, StringRef GuardName);
  /// The edits that lock \p Mutex (of type \p Mutex, spelled \p Spelled)
  /// at the start of \p Block, with the #include; a shared lock for
  /// \p ReadOnly accesses of a shared mutex; none when the lock cannot be
  /// written there (\p At: the code around).
  std::vector<FixItHint> lockAtStart(const CompoundStmt *Block, QualType Mutex,
                                     StringRef Spelled, bool ReadOnly,
                                     const DeclContext &At);
  /// Adds the Asio completion handlers to the threads started when a
  /// thread of the unit runs an I/O context.
  void addCompletionHandlers();
  void analyzeThreads(const Stmt &Body, llvm::ArrayRef<Started> Threads);
  /// A thread started on `this` of a class: it runs \c Entries and the body
  /// of \c Lambda, a lambda capturing `this` written in a member function of
  /// the class, if not null.
  struct MemberThread {
    const Started *Start;
    llvm::SmallVector<const CXXMethodDecl *, 2> Entries;
    const LambdaExpr *Lambda;
  };
  using AccessesByPath =
      llvm::MapVector<StringRef, std::vector<const MapAccess *>>;
  /// The class \p Thread is started on and what it runs there, if it is
  /// started on `this`.
  std::optional<std::pair<const CXXRecordDecl *, MemberThread>>
  memberThread(const Started &Thread);
  /// What a member thread's code does: its unlocked map accesses, by path,
  /// and the channels it signals and waits on.
  struct MemberThreadCode {
    AccessesByPath Unlocked;
    ChannelUses Channels;
  };
  /// The code of \p Thread; adds to \p Locked the paths that some code
  /// accesses under a lock, and to \p Callers, if not null, the unlocked
  /// accesses of the public member functions that the thread does not run
  /// and that other threads may call (not the one whose body is
  /// \p Launching, nor one that joins a thread).
  MemberThreadCode memberThreadCode(const ClassLocks &Locks,
                                    const MemberThread &Thread,
                                    const Stmt *Launching,
                                    AccessesByPath *Callers,
                                    llvm::StringSet<> &Locked);
  /// Map members that \p Thread, started in \p Launching, shares without a
  /// lock with \p Siblings (other threads of the class that may run with
  /// it, unless they hand shake) or with the public member functions, or writes
  /// without a lock while other instances of it run (\p Instances: the start of
  /// those, which \p InstancesNote names; null when they do not overlap).
  void analyzeMemberThread(const ClassLocks &Locks, const MemberThread &Thread,
                           const Stmt *Launching, const Stmt *Instances,
                           StringRef InstancesNote,
                           llvm::ArrayRef<const MemberThread *> Siblings);
  /// Reports \p Use, racing with \p Other (an access or a thread start,
  /// which \p OtherNote names), and offers the sharded_map rewrite of the
  /// map; or, for a map in a struct that holds a mutex, taking that mutex
  /// when other accesses lock (\p LockedElsewhere).
  void reportSharedLocal(const SharedUse &Use, bool LockedElsewhere,
                         Concurrency Who, const Stmt &Other,
                         StringRef OtherNote);
  /// The edits that lock the one mutex of \p Holder, a struct on the way to
  /// the map of \p Use, around it; none when that could deadlock.
  std::vector<FixItHint> lockHolder(const SharedUse &Use,
                                    const CXXRecordDecl &Holder);
  /// The sharded_map rewrite of a map, with its #include, or why there is
  /// none; empty after the map's first report.
  struct ShardedFix {
    std::vector<FixItHint> Edits;
    std::optional<RewriteBlocker> Blocker;
    /// The file cannot include maptidy's header: the fix goes on a note.
    bool HeaderMissing = false;
    /// Other units can name the map: the driver decides
    /// (ProjectRewrites.h).
    bool ProjectWide = false;
    /// Blocked because other units can name the map.
    bool BeyondReach = false;
  };
  ShardedFix planShardedFix(const DeclaratorDecl &Map);
  /// The notes of the report at \p Finding on \p Map: how to get the fix
  /// when the header is missing, the racing access \p Other, why there is
  /// no fix; or, project-wide, the part of the rewrite for the driver.
  void noteShardedFix(const DeclaratorDecl &Map, const ShardedFix &Fix,
                      SourceLocation Finding, const Stmt &Other,
                      StringRef OtherNote);
  /// Adds the #include of maptidy's header to \p Plan, unless blocked;
  /// whether the file can include it.
  bool includeShardedHeader(const DeclaratorDecl &Map,
                            DeclarationRewritePlan &Plan);
  /// The same; a file that cannot include it blocks \p Plan.
  void requireShardedHeader(const DeclaratorDecl &Map,
                            DeclarationRewritePlan &Plan);
  /// Reports this unit's part of the rewrite of the map members other units
  /// can name that it uses, or whose class's objects it assigns.
  void reportMemberUses();
  const ClassLocks &locksOf(const CXXRecordDecl &Record);
  bool isMap(QualType Type) const { return isMapType(Type, MapClasses); }

  const LockVocabulary Vocabulary;
  const std::vector<std::string> MapClasses;
  /// Thread starts, with the functions whose lambda argument runs on
  /// another thread.
  const ThreadStarts Starts;
  const unsigned GuardedPercent;
  HeaderInserter Inserter;
  ASTContext *Context = nullptr;
  /// Classes defined in the translation unit, in the order first seen.
  llvm::SetVector<const CXXRecordDecl *> Classes;
  /// Threads started, per launching function body.
  llvm::MapVector<const Stmt *, std::vector<Started>> Launches;
  /// Asio completion handlers, threads only if an I/O context runs on one.
  std::vector<Started> Handlers;
  /// The accesses of lambdas that constructors give threads, which the
  /// member functions' facts do not hold.
  llvm::DenseMap<const LambdaExpr *, std::unique_ptr<MethodFacts>>
      ConstructorLambdaFacts;
  /// The lock analysis of each class analyzed so far.
  llvm::DenseMap<const CXXRecordDecl *, std::unique_ptr<ClassLocks>> Locks;
  /// Member functions analyzed as thread entries, and the maps reported
  /// through them, by class and path from `this`.
  std::set<std::pair<const void *, bool>> Analyzed;
  std::set<std::pair<const CXXRecordDecl *, std::string>> ReportedMembers;
  /// Thread-shared maps whose rewrite was planned already.
  llvm::SmallPtrSet<const DeclaratorDecl *, 4> Planned;
  /// The file spells std::scoped_lock somewhere: inserted locks follow suit.
  bool UsesScopedLock = false;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H
