// EXPECT: race
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
struct Progress {
  std::unordered_map<std::string, int> doneByStage;
};
void runStage(std::shared_ptr<Progress> progress, std::string stage) {
  progress->doneByStage[stage] += 1; // RACE
}
void runPipeline() {
  auto progress = std::make_shared<Progress>();
  std::thread parse(runStage, progress, "parse");
  std::thread index(runStage, progress, "index");
  parse.join();
  index.join();
}
