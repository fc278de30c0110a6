/* Loaded with --load, makes a maptidy worker abort when the name of the file
   it analyzes starts with "crash": a crash in one file must cost that file
   only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void crashInWorker(void) {
  static char Line[1 << 16];
  FILE *CommandLine = fopen("/proc/self/cmdline", "rb");
  if (!CommandLine)
    return;
  size_t Size = fread(Line, 1, sizeof(Line) - 1, CommandLine);
  fclose(CommandLine);
  for (size_t I = 0; I < Size; I += strlen(Line + I) + 1) {
    const char *Name = strrchr(Line + I, '/');
    if (strncmp(Line + I, "--worker-file=", 14) == 0 && Name &&
        strncmp(Name + 1, "crash", 5) == 0)
      abort();
  }
}
