/* A tiny test harness for the C library: CHECK records a failure and goes on; helpers make real files. */
#ifndef FERRY_TEST_CORE_H
#define FERRY_TEST_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "ferry_core.h"

extern int test_failures;
extern char test_root[]; /* a fresh folder for the whole run */

#define CHECK(cond)                                                                                                \
  do {                                                                                                             \
    if (!(cond)) {                                                                                                 \
      test_failures++;                                                                                             \
      fprintf(stderr, "  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                           \
    }                                                                                                              \
  } while (0)

/* A new folder under test_root named `name`; returns its path (static storage per call site is not needed). */
void make_dir(char *out, size_t size, const char *name);
void write_file(const char *dir, const char *name, const char *data, size_t len);
int same_content(const char *a, const char *b);
/* One item copying dir_a/name to dir_b/.tmp-name then renaming to name with NOREPLACE. */
fc_item simple_item(const char *src_dir, const char *name, const char *dst_dir, const char *temp, int64_t id);
size_t count_entries(const char *dir);

/* The test cases (test_cases.c); each returns after CHECKs. */
void test_small_files(void);
void test_large_and_sparse(void);
void test_source_changed(void);
void test_noreplace(void);
void test_metadata(void);
void test_cancel_and_pause(void);
void test_walker(void);
void test_helpers(void);
void test_caller_counts(void);
void test_written_statuses(void);
void test_rename_batch(void);

#endif
