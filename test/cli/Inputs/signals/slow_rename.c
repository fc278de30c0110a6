/* Preloaded into maptidy by the signal test: a rename() onto a path ending in
 * $SLOW_RENAME_SUFFIX first creates the file $SLOW_RENAME_MARKER, then waits
 * three seconds, so that the test can send a signal while a fixed file is
 * being put in place. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int rename(const char *From, const char *To) {
  int (*Real)(const char *, const char *) = dlsym(RTLD_NEXT, "rename");
  const char *Suffix = getenv("SLOW_RENAME_SUFFIX");
  const char *Marker = getenv("SLOW_RENAME_MARKER");
  const size_t Length = strlen(To);
  if (Suffix && Marker && Length >= strlen(Suffix) &&
      strcmp(To + Length - strlen(Suffix), Suffix) == 0) {
    close(open(Marker, O_WRONLY | O_CREAT, 0644));
    struct timespec Wait = {3, 0};
    while (nanosleep(&Wait, &Wait) != 0)
      ;
  }
  return Real(From, To);
}
