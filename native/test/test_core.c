/* Runs the C library's tests on real files in a fresh folder under $TMPDIR; exits 1 on any failure. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_core.h"

int test_failures = 0;
char test_root[4096];

void make_dir(char *out, size_t size, const char *name) {
  snprintf(out, size, "%s/%s", test_root, name);
  CHECK(mkdir(out, 0755) == 0);
}

void write_file(const char *dir, const char *name, const char *data, size_t len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(len == 0 || write(fd, data, len) == (ssize_t)len);
  close(fd);
}

int same_content(const char *a, const char *b) {
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = fa && fb;
  while (same) {
    int ca = fgetc(fa), cb = fgetc(fb);
    if (ca != cb) same = 0;
    if (ca == EOF || cb == EOF) break;
  }
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return same;
}

fc_item simple_item(const char *src_dir, const char *name, const char *dst_dir, const char *temp, int64_t id) {
  fc_item it;
  memset(&it, 0, sizeof it);
  it.src_dir = src_dir;
  it.src_name = name;
  it.dst_dir = dst_dir;
  it.temp_name = temp;
  it.final_name = name;
  it.id = id;
  it.flags = FC_ITEM_RENAME_NOREPLACE;
  it.mode = -1;
  return it;
}

size_t count_entries(const char *dir) {
  fc_dir d;
  fc_read_dir(dir, &d);
  size_t n = d.count;
  fc_free_dir(&d);
  return n;
}

int main(void) {
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(test_root, sizeof test_root, "%s/ferry-core-c-XXXXXX", tmp);
  if (!mkdtemp(test_root)) return perror("mkdtemp"), 2;
  struct {
    const char *name;
    void (*run)(void);
  } cases[] = {
      {"small files", test_small_files},   {"large and sparse", test_large_and_sparse},
      {"source changed", test_source_changed}, {"noreplace", test_noreplace},
      {"metadata", test_metadata},         {"cancel and pause", test_cancel_and_pause},
      {"walker", test_walker},             {"helpers", test_helpers},
      {"caller counts", test_caller_counts}, {"written statuses", test_written_statuses},
      {"rename batch", test_rename_batch},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int before = test_failures;
    cases[i].run();
    printf("%s %s\n", test_failures == before ? "ok  " : "FAIL", cases[i].name);
  }
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_root);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", test_root);
  printf("%s: %d failure(s)\n", test_failures ? "FAILED" : "passed", test_failures);
  return test_failures ? 1 : 0;
}
