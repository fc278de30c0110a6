// EXPECT: clean
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
struct Progress {
  std::unordered_map<std::string, int> doneByStage;
};
void runStage(std::shared_ptr<Progress> progress, std::string stage) {
  progress->doneByStage[stage] += 1;
}
int runPipeline() {
  auto parseProgress = std::make_shared<Progress>();
  auto indexProgress = std::make_shared<Progress>();
  std::thread parse(runStage, parseProgress, "parse");
  std::thread index(runStage, indexProgress, "index");
  parse.join();
  index.join();
  return parseProgress->doneByStage["parse"] + indexProgress->doneByStage["index"];
}
