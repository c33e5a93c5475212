/* The C library's test cases, each on real files: contents compared byte for byte, errno from real situations. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "test_core.h"

static char *pattern(size_t n) {
  char *p = malloc(n ? n : 1);
  for (size_t i = 0; i < n; i++) p[i] = (char)(i * 7 + i / 4096);
  return p;
}

static int exists(const char *dir, const char *name) {
  char path[4096];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return lstat(path, &st) == 0;
}

static int same(const char *da, const char *db, const char *name) {
  char a[4096], b[4096];
  snprintf(a, sizeof a, "%s/%s", da, name);
  snprintf(b, sizeof b, "%s/%s", db, name);
  return same_content(a, b);
}

void test_small_files(void) {
  char s[4096], d[4096];
  make_dir(s, sizeof s, "small-src");
  make_dir(d, sizeof d, "small-dst");
  size_t sizes[] = {0, 1, 4096, 65537};
  const char *names[] = {"empty", "one", "four-k", "over-64k"};
  const char *temps[] = {".t0", ".t1", ".t2", ".t3"};
  fc_item items[4];
  int64_t total = 0;
  for (int i = 0; i < 4; i++) {
    char *data = pattern(sizes[i]);
    write_file(s, names[i], data, sizes[i]);
    free(data);
    items[i] = simple_item(s, names[i], d, temps[i], i);
    total += (int64_t)sizes[i];
  }
  int64_t progress[4] = {0, 0, 0, 0};
  uint8_t statuses[4] = {9, 9, 9, 9};
  fc_job job = {.progress = progress, .statuses = statuses, .chunk_size = 1 << 20, .umask = -1,
                .options = FC_OPT_XATTRS};
  fc_outcome out[4];
  CHECK(fc_copy_batch(&job, items, 4, out) == 4);
  for (int i = 0; i < 4; i++) {
    CHECK(out[i].status == FC_DONE);
    CHECK(out[i].bytes == (int64_t)sizes[i]);
    CHECK(same(s, d, names[i]));
    CHECK(statuses[i] == FC_ITEM_DONE);
  }
  CHECK(count_entries(d) == 4); /* no temp left */
  CHECK(progress[FC_SLOT_DONE_COPIED] == total && progress[FC_SLOT_DONE_ACCOUNTED] == total);
  CHECK(progress[FC_SLOT_FILE] == 0 && progress[FC_SLOT_FILE_BYTES] == 0);
}

void test_large_and_sparse(void) {
  char s[4096], d[4096], path[4096];
  make_dir(s, sizeof s, "large-src");
  make_dir(d, sizeof d, "large-dst");
  size_t big = (5u << 20) + 123;
  char *data = pattern(big);
  write_file(s, "big", data, big);
  free(data);
  snprintf(path, sizeof path, "%s/sparse", s);
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  CHECK(ftruncate(fd, 8 << 20) == 0);
  CHECK(pwrite(fd, "data", 4, 4 << 20) == 4);
  close(fd);
  fc_item items[2] = {simple_item(s, "big", d, ".tb", 1), simple_item(s, "sparse", d, ".ts", 2)};
  fc_job job = {.chunk_size = 1 << 20, .umask = -1};
  fc_outcome out[2];
  fc_copy_batch(&job, items, 2, out);
  CHECK(out[0].status == FC_DONE && out[0].bytes == (int64_t)big && same(s, d, "big"));
  CHECK(out[1].status == FC_DONE && out[1].bytes == 8 << 20 && same(s, d, "sparse"));
  struct stat st;
  snprintf(path, sizeof path, "%s/sparse", d);
  CHECK(stat(path, &st) == 0 && st.st_size == 8 << 20 && st.st_blocks * 512 < (1 << 20));
  CHECK(out[1].flags & (FC_OUT_SPARSE | FC_OUT_CLONED));
}

void test_source_changed(void) {
  char s[4096], d[4096], path[4096];
  make_dir(s, sizeof s, "changed-src");
  make_dir(d, sizeof d, "changed-dst");
  write_file(s, "link", "x", 1);
  write_file(s, "fifo", "x", 1);
  write_file(s, "swapped", "x", 1);
  struct stat walked[3];
  const char *names[] = {"link", "fifo", "swapped"};
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", s, names[i]);
    stat(path, &walked[i]);
  }
  write_file(s, "swapped.new", "another file", 12); /* created while the old one exists: another inode */
  char moved[4096];
  snprintf(moved, sizeof moved, "%s/swapped.new", s);
  snprintf(path, sizeof path, "%s/swapped", s);
  CHECK(rename(moved, path) == 0);
  snprintf(path, sizeof path, "%s/link", s);
  unlink(path);
  snprintf(path, sizeof path, "%s/fifo", s);
  unlink(path);
  snprintf(path, sizeof path, "%s/link", s);
  CHECK(symlink("/etc/passwd", path) == 0);
  snprintf(path, sizeof path, "%s/fifo", s);
  CHECK(mkfifo(path, 0644) == 0);
  fc_item items[3];
  for (int i = 0; i < 3; i++) {
    items[i] = simple_item(s, names[i], d, names[i] + 1, i);
    items[i].flags |= FC_ITEM_HAS_IDENTITY;
    items[i].dev = walked[i].st_dev;
    items[i].ino = walked[i].st_ino;
  }
  fc_job job = {.chunk_size = 1 << 20, .umask = -1};
  fc_outcome out[3];
  fc_copy_batch(&job, items, 3, out); /* a FIFO must not block: O_NONBLOCK */
  CHECK(out[0].status == FC_SOURCE_CHANGED && out[0].err == ELOOP && out[0].step == FC_STEP_OPEN_SOURCE);
  CHECK(out[1].status == FC_SOURCE_CHANGED && out[1].step == FC_STEP_CHECK_SOURCE);
  CHECK(out[2].status == FC_SOURCE_CHANGED && out[2].path == FC_PATH_SOURCE);
  CHECK(count_entries(d) == 0);
}

void test_noreplace(void) {
  char s[4096], d[4096], path[4096];
  make_dir(s, sizeof s, "noreplace-src");
  make_dir(d, sizeof d, "noreplace-dst");
  write_file(s, "f", "new", 3);
  write_file(d, "f", "old", 3);
  fc_item it = simple_item(s, "f", d, ".tf", 7);
  fc_job job = {.chunk_size = 1 << 20, .umask = -1};
  fc_outcome out;
  fc_copy_batch(&job, &it, 1, &out);
  CHECK(out.status == FC_EXISTS && out.err == EEXIST && out.step == FC_STEP_RENAME && out.path == FC_PATH_FINAL);
  snprintf(path, sizeof path, "%s/f", d);
  char buf[8] = {0};
  FILE *f = fopen(path, "r");
  CHECK(f && fread(buf, 1, 3, f) == 3 && memcmp(buf, "old", 3) == 0);
  if (f) fclose(f);
  CHECK(!exists(d, ".tf"));
  it.flags |= FC_ITEM_KEEP_TEMP_ON_EXISTS;
  fc_copy_batch(&job, &it, 1, &out);
  CHECK(out.status == FC_EXISTS && (out.flags & FC_OUT_TEMP_KEPT) && exists(d, ".tf"));
  unlink(strcat(strcpy(path, d), "/.tf"));
  it.flags = FC_ITEM_RENAME_REPLACE;
  fc_copy_batch(&job, &it, 1, &out);
  CHECK(out.status == FC_DONE && same(s, d, "f"));
}

void test_metadata(void) {
  char s[4096], d[4096], a[4096], b[4096];
  make_dir(s, sizeof s, "meta-src");
  make_dir(d, sizeof d, "meta-dst");
  write_file(s, "private", "p", 1);
  write_file(s, "setuid", "s", 1);
  snprintf(a, sizeof a, "%s/private", s);
  chmod(a, 0600);
  struct timespec times[2] = {{1600000000, 111111111}, {1700000000, 123456789}};
  utimensat(AT_FDCWD, a, times, 0);
  int xattr_ok = setxattr(a, "user.ferry", "yes", 3, 0) == 0;
  snprintf(a, sizeof a, "%s/setuid", s);
  chmod(a, 04755);
  fc_item items[2] = {simple_item(s, "private", d, ".tp", 1), simple_item(s, "setuid", d, ".ts", 2)};
  fc_job job = {.chunk_size = 1 << 20, .umask = 022, .options = FC_OPT_XATTRS | FC_OPT_OWNER};
  fc_outcome out[2];
  fc_copy_batch(&job, items, 2, out);
  CHECK(out[0].status == FC_DONE && out[1].status == FC_DONE);
  struct stat st;
  snprintf(b, sizeof b, "%s/private", d);
  CHECK(stat(b, &st) == 0 && (st.st_mode & 07777) == 0600);
  CHECK(st.st_mtim.tv_sec == 1700000000 && st.st_mtim.tv_nsec == 123456789);
  CHECK(st.st_atim.tv_sec == 1600000000 && st.st_atim.tv_nsec == 111111111);
  char value[8] = {0};
  if (xattr_ok) CHECK(getxattr(b, "user.ferry", value, sizeof value) == 3 && memcmp(value, "yes", 3) == 0);
  snprintf(b, sizeof b, "%s/setuid", d);
  if (geteuid() == 0) CHECK(stat(b, &st) == 0 && (st.st_mode & 07777) == 04755);
}

/* FC_OPT_CALLER_COUNTS: the core writes the file's bytes so far and leaves the per-item words to the caller. */
void test_caller_counts(void) {
  char s[4096], d[4096];
  make_dir(s, sizeof s, "counts-src");
  make_dir(d, sizeof d, "counts-dst");
  write_file(s, "a", "hello", 5);
  fc_item items[1] = {simple_item(s, "a", d, ".ta", 7)};
  items[0].final_name = NULL; /* the temp is left, as the engine's worker commits it */
  int64_t progress[4] = {8, 99, 1000, 2000};
  fc_job job = {.progress = progress, .chunk_size = 1 << 20, .umask = 022, .options = FC_OPT_CALLER_COUNTS};
  fc_outcome out[1];
  fc_copy_batch(&job, items, 1, out);
  CHECK(out[0].status == FC_DONE && out[0].bytes == 5);
  CHECK(progress[FC_SLOT_FILE] == 8);          /* the caller's file id, untouched */
  CHECK(progress[FC_SLOT_DONE_ACCOUNTED] == 1000 && progress[FC_SLOT_DONE_COPIED] == 2000);
  CHECK(progress[FC_SLOT_FILE_BYTES] >= 0 && progress[FC_SLOT_FILE_BYTES] <= 5);
  job.options = 0;
  items[0].temp_name = ".tb";
  fc_copy_batch(&job, items, 1, out);
  CHECK(progress[FC_SLOT_DONE_COPIED] == 2005 && progress[FC_SLOT_FILE] == 0);
}

void test_written_statuses(void) {
  char s[4096], d[4096], path[4096];
  make_dir(s, sizeof s, "written-src");
  make_dir(d, sizeof d, "written-dst");
  write_file(s, "a", "hello", 5);
  write_file(s, "b", "hi", 2);
  /* a: temp left (its commit comes later); b: renamed; c: missing source. */
  fc_item items[3] = {simple_item(s, "a", d, ".ta", 0), simple_item(s, "b", d, ".tb", 1),
                      simple_item(s, "c", d, ".tc", 2)};
  items[0].final_name = NULL;
  items[2].size = 9;
  int64_t progress[4] = {0, 0, 0, 0};
  uint8_t statuses[3] = {9, 9, 9};
  fc_job job = {.progress = progress, .statuses = statuses, .chunk_size = 1 << 20, .umask = 022};
  fc_outcome out[3];
  CHECK(fc_copy_batch(&job, items, 3, out) == 3);
  CHECK(statuses[0] == FC_ITEM_WRITTEN && statuses[1] == FC_ITEM_DONE && statuses[2] == FC_ITEM_FAILED);
  CHECK(progress[FC_SLOT_DONE_COPIED] == 7 && progress[FC_SLOT_DONE_ACCOUNTED] == 16);
  CHECK(progress[FC_SLOT_FILE] == 0 && progress[FC_SLOT_FILE_BYTES] == 0);
  snprintf(path, sizeof path, "%s/.ta", d);
  CHECK(access(path, F_OK) == 0);
}

void test_rename_batch(void) {
  char a[4096], b[4096], path[4096];
  make_dir(a, sizeof a, "rename-a");
  make_dir(b, sizeof b, "rename-b");
  write_file(a, ".t1", "1", 1);
  write_file(a, ".t2", "2", 1);
  write_file(a, "two", "old", 3);
  write_file(b, ".t3", "3", 1);
  char missing[4096];
  snprintf(missing, sizeof missing, "%s/no-such-folder", test_root);
  /* Two in one folder (the second replaces a file, as rename(2)), one in another, a missing temp, a missing folder. */
  fc_rename items[5] = {{a, ".t1", "one"}, {a, ".t2", "two"}, {b, ".t3", "three"}, {b, ".gone", "x"},
                        {missing, ".t", "y"}};
  int errs[5] = {-1, -1, -1, -1, -1};
  fc_rename_batch(items, 5, errs);
  CHECK(errs[0] == 0 && errs[1] == 0 && errs[2] == 0);
  CHECK(errs[3] == ENOENT && errs[4] == ENOENT);
  snprintf(path, sizeof path, "%s/two", a);
  FILE *f = fopen(path, "rb");
  CHECK(f && fgetc(f) == '2');
  if (f) fclose(f);
  CHECK(count_entries(a) == 2 && count_entries(b) == 1);
  fc_rename_batch(items, 0, errs); /* nothing to do: no folder opened */
}

typedef struct {
  int32_t control;
  int64_t progress[4];
  int mode; /* 0: cancel after the first chunk; 1: pause, check no progress, resume */
  int paused_still;
} controller;

static void nap(long ms) {
  struct timespec t = {0, ms * 1000000L};
  nanosleep(&t, NULL);
}

static void *control_thread(void *arg) {
  controller *c = arg;
  while (__atomic_load_n(&c->progress[FC_SLOT_FILE_BYTES], __ATOMIC_SEQ_CST) == 0) nap(0);
  if (c->mode == 0) {
    __atomic_store_n(&c->control, FC_CANCEL, __ATOMIC_SEQ_CST);
    return NULL;
  }
  __atomic_store_n(&c->control, FC_PAUSE, __ATOMIC_SEQ_CST);
  nap(60);
  int64_t seen = __atomic_load_n(&c->progress[FC_SLOT_FILE_BYTES], __ATOMIC_SEQ_CST);
  nap(60);
  c->paused_still = seen == __atomic_load_n(&c->progress[FC_SLOT_FILE_BYTES], __ATOMIC_SEQ_CST) && seen < (64 << 20);
  __atomic_store_n(&c->control, FC_RUN, __ATOMIC_SEQ_CST);
  fc_notify_control(&c->control);
  return NULL;
}

void test_cancel_and_pause(void) {
  char s[4096], d[4096];
  make_dir(s, sizeof s, "cancel-src");
  make_dir(d, sizeof d, "cancel-dst");
  char *data = pattern(64 << 20);
  write_file(s, "big", data, 64 << 20);
  write_file(s, "next", "n", 1);
  free(data);
  for (int mode = 0; mode < 2; mode++) {
    controller c = {.control = FC_RUN, .mode = mode};
    fc_item items[2] = {simple_item(s, "big", d, ".tb", 1), simple_item(s, "next", d, ".tn", 2)};
    fc_job job = {.control = &c.control, .progress = c.progress, .chunk_size = 256 << 10, .umask = -1};
    fc_outcome out[2];
    pthread_t t;
    pthread_create(&t, NULL, control_thread, &c);
    size_t attempted = fc_copy_batch(&job, items, 2, out);
    pthread_join(t, NULL);
    if (mode == 0) {
      CHECK(attempted == 1 && out[0].status == FC_CANCELLED && out[1].status == FC_NOT_STARTED);
      CHECK(count_entries(d) == 0);
    } else {
      CHECK(c.paused_still);
      CHECK(out[0].status == FC_DONE && out[1].status == FC_DONE && same(s, d, "big"));
    }
  }
}

void test_walker(void) {
  char s[4096], path[4096];
  make_dir(s, sizeof s, "walk");
  const char *names[] = {"plain", "caf\xe9", "\xff", "new\nline"};
  for (int i = 0; i < 4; i++) write_file(s, names[i], "x", 1);
  snprintf(path, sizeof path, "%s/sub", s);
  mkdir(path, 0700);
  fc_dir dir;
  CHECK(fc_read_dir(s, &dir) == 0 && dir.count == 5);
  int found = 0;
  for (size_t i = 0; i < dir.count; i++) {
    int64_t *w = dir.fields + i * FC_WALK_WORDS;
    const char *name = dir.names + w[FC_WALK_NAME_OFF];
    size_t len = (size_t)w[FC_WALK_NAME_LEN];
    for (int k = 0; k < 4; k++)
      if (strlen(names[k]) == len && memcmp(names[k], name, len) == 0) {
        found++;
        CHECK(w[FC_WALK_KIND] == FC_KIND_FILE);
      }
    if (len == 3 && memcmp(name, "sub", 3) == 0) {
      found++;
      CHECK(w[FC_WALK_KIND] == FC_KIND_DIR);
    }
  }
  CHECK(found == 5);
  fc_free_dir(&dir);
  fc_dir missing;
  CHECK(fc_read_dir("/nonexistent-ferry", &missing) == ENOENT);
  fc_free_dir(&missing);
}

void test_helpers(void) {
  char d[4096], a[4096], b[4096];
  make_dir(d, sizeof d, "helpers");
  write_file(d, "a", "a", 1);
  write_file(d, "b", "b", 1);
  snprintf(a, sizeof a, "%s/a", d);
  snprintf(b, sizeof b, "%s/b", d);
  CHECK(fc_rename_noreplace(a, b) == EEXIST);
  CHECK(fc_syncfs(-1, d) == 0 && fc_fsync(-1, d, 0) == 0 && fc_fsync(-1, a, 1) == 0);
  CHECK(fc_fadvise_dontneed(-1, a) == 0);
  int64_t w[FC_STAT_WORDS];
  struct stat st;
  CHECK(fc_stat(a, 0, w) == 0 && stat(a, &st) == 0 && (uint64_t)w[1] == st.st_ino);
  CHECK(strcmp(fc_errno_name(ENOSPC), "ENOSPC") == 0 && fc_errno_name(100000) == NULL);
}
