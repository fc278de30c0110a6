//===--- guard_vote_test.cpp - maptidy tests ------------------------------===//
//
// The vote that picks the guard of a map member from the records of the
// accesses in its class's member functions, as one unit or a whole run
// casts it.
//
//===----------------------------------------------------------------------===//

#include "GuardVote.h"
#include <gtest/gtest.h>

namespace clang::tidy::maptidy {
namespace {

AccessRecord access(unsigned Offset, bool Write, bool Locked) {
  AccessRecord A;
  A.Map = "m_";
  A.File = "a.cpp";
  A.Offset = Offset;
  A.Write = Write;
  if (Locked)
    A.Held.emplace_back("mu_", Hold::Exclusive);
  return A;
}

MethodRecord method(std::string Key, std::vector<AccessRecord> Accesses) {
  MethodRecord M;
  M.Key = Key;
  M.Name = "'" + Key + "'";
  M.Accesses = std::move(Accesses);
  return M;
}

TEST(GuardVoteTest, WritesWeighTwiceAndTheThresholdIsInclusive) {
  // Held: one write (2) of a write and two reads (4): exactly 50%.
  const std::vector<MethodRecord> Methods = {
      method("add", {access(1, true, true)}),
      method("get", {access(2, false, false), access(3, false, false)})};
  auto Outcomes = voteGuards(Methods, {"mu_"}, 50, true);
  ASSERT_EQ(Outcomes.size(), 1u);
  EXPECT_EQ(Outcomes[0].Guard, "mu_");
  EXPECT_EQ(Outcomes[0].Held, 1u);
  EXPECT_EQ(Outcomes[0].Total, 3u);
  ASSERT_EQ(Outcomes[0].Unguarded.size(), 1u);
  EXPECT_EQ(Outcomes[0].Unguarded[0].Accesses.size(), 2u);
  EXPECT_TRUE(voteGuards(Methods, {"mu_"}, 51, true).empty());
}

TEST(GuardVoteTest, NoMutexHeldMeansNoGuard) {
  const std::vector<MethodRecord> Methods = {
      method("get", {access(1, false, false)})};
  EXPECT_TRUE(voteGuards(Methods, {"mu_"}, 0, true).empty());
  EXPECT_TRUE(voteGuards(Methods, {}, 0, true).empty());
}

TEST(GuardVoteTest, ACalleeThatLocksTheGuardBlocksTheLock) {
  MethodRecord Flush = method("flush", {access(1, true, true)});
  Flush.Locks = {"mu_"};
  MethodRecord Get = method("get", {access(2, false, false)});
  Get.Calls = {"flush"};
  auto Outcome = judgeGuard({Flush, Get}, "m_", "mu_", false);
  ASSERT_EQ(Outcome.Unguarded.size(), 1u);
  EXPECT_TRUE(Outcome.Unguarded[0].MayDeadlock);
  // A callee with no record: as the caller says.
  Get.Calls = {"elsewhere"};
  EXPECT_FALSE(
      judgeGuard({Flush, Get}, "m_", "mu_", false).Unguarded[0].MayDeadlock);
  EXPECT_TRUE(
      judgeGuard({Flush, Get}, "m_", "mu_", true).Unguarded[0].MayDeadlock);
}

TEST(GuardVoteTest, SharedWritesAreReported) {
  AccessRecord Shared = access(1, true, false);
  Shared.Held.emplace_back("mu_", Hold::Shared);
  auto Outcome = judgeGuard({method("put", {Shared})}, "m_", "mu_", true);
  EXPECT_EQ(Outcome.Held, 1u);
  ASSERT_EQ(Outcome.WritesUnderSharedLock.size(), 1u);
  EXPECT_TRUE(Outcome.Unguarded.empty());
}

} // namespace
} // namespace clang::tidy::maptidy
