#include <vector>

// Unrelated code above moves the finding down.
int unrelated(int x) { return x * 2; }

std::vector<int> squares() {
    std::vector<int> out;
    for (int i = 0; i < 8; ++i)
        out.push_back(i * i);
    return out;
}
