// EXPECT: clean
// Two deferred unique_locks taken together with std::lock.
#include <mutex>
#include <string>
#include <unordered_map>
class Accounts {
public:
  void transfer(int from, int to, long amount) {
    std::unique_lock<std::mutex> a(balancesMu_, std::defer_lock);
    std::unique_lock<std::mutex> b(journalMu_, std::defer_lock);
    std::lock(a, b);
    balances_[from] -= amount;
    balances_[to] += amount;
    journal_[from] = "debit";
  }
  void deposit(int id, long amount) {
    std::lock(balancesMu_, journalMu_);
    std::lock_guard<std::mutex> a(balancesMu_, std::adopt_lock);
    std::lock_guard<std::mutex> b(journalMu_, std::adopt_lock);
    balances_[id] += amount;
    journal_[id] = "credit";
  }
  long balance(int id) {
    std::lock_guard<std::mutex> lock(balancesMu_);
    return balances_[id];
  }
private:
  std::mutex balancesMu_, journalMu_;
  std::unordered_map<int, long> balances_;
  std::unordered_map<int, std::string> journal_;
};
