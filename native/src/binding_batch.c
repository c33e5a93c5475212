/*
 * copyBatch and readDir for JS. copyBatch(paths, items, options) reads a Uint8Array of NUL-terminated byte
 * strings and a BigInt64Array of ITEM_WORDS per item (offsets into `paths`), runs fc_copy_batch synchronously on
 * the calling thread and returns a Float64Array of OUT_WORDS per item. readDir(path) returns
 * { names: Buffer, fields: BigInt64Array (FC_WALK_WORDS per entry), skipped }.
 */
#include <stdlib.h>
#include <string.h>

#include "binding.h"
#include "ferry_core.h"

enum { IT_ID, IT_FLAGS, IT_SRC_DIR, IT_SRC_NAME, IT_DST_DIR, IT_TEMP, IT_FINAL, IT_DEV, IT_INO, IT_SIZE,
       IT_MTIME_NS, IT_MODE, ITEM_WORDS };
enum { OUT_STATUS, OUT_ERRNO, OUT_STEP, OUT_PATH, OUT_FLAGS, OUT_BYTES, OUT_WORDS };

/* An optional typed array property of `options` (NULL when absent). Returns -1 with an exception on a bad one. */
static int typed_prop_len(napi_env env, napi_value options, const char *key, napi_typedarray_type type, size_t min,
                          void **out, size_t *len_out) {
  napi_value v;
  napi_valuetype vt;
  size_t len = 0;
  *out = NULL;
  if (len_out) *len_out = 0;
  if (napi_get_named_property(env, options, key, &v) != napi_ok || napi_typeof(env, v, &vt) != napi_ok) return -1;
  if (vt == napi_undefined || vt == napi_null) return 0;
  *out = ferry_get_typed(env, v, type, min, &len);
  if (len_out) *len_out = len;
  return *out ? 0 : -1;
}

static int typed_prop(napi_env env, napi_value options, const char *key, napi_typedarray_type type, size_t min,
                      void **out) {
  return typed_prop_len(env, options, key, type, min, out, NULL);
}

static int64_t number_prop(napi_env env, napi_value options, const char *key, int64_t fallback) {
  napi_value v;
  napi_valuetype vt;
  int64_t n = fallback;
  if (napi_get_named_property(env, options, key, &v) == napi_ok && napi_typeof(env, v, &vt) == napi_ok &&
      vt == napi_number)
    napi_get_value_int64(env, v, &n);
  return n;
}

static int read_job(napi_env env, napi_value options, fc_job *job) {
  napi_valuetype vt;
  memset(job, 0, sizeof *job);
  job->umask = -1;
  job->chunk_size = 1 << 20;
  if (napi_typeof(env, options, &vt) != napi_ok || vt != napi_object) return 0;
  if (typed_prop(env, options, "control", napi_int32_array, 1, (void **)&job->control) ||
      typed_prop_len(env, options, "progress", napi_bigint64_array, 4, (void **)&job->progress,
                     &job->progress_words) ||
      typed_prop(env, options, "throttle", napi_bigint64_array, 2, (void **)&job->throttle) ||
      typed_prop(env, options, "statuses", napi_uint8_array, 0, (void **)&job->statuses))
    return -1;
  int64_t chunk = number_prop(env, options, "chunkSize", 1 << 20);
  job->chunk_size = chunk >= 4096 ? (size_t)chunk : 4096;
  job->umask = (int)number_prop(env, options, "umask", -1);
  job->sync = (int)number_prop(env, options, "sync", FC_SYNC_NONE);
  job->options = (uint32_t)number_prop(env, options, "options", FC_OPT_XATTRS | FC_OPT_OWNER);
  return 0;
}

static const char *string_at(const char *paths, size_t len, int64_t off) {
  return off >= 0 && (uint64_t)off < len ? paths + off : NULL;
}

napi_value ferry_copy_batch(napi_env env, napi_callback_info info) {
  napi_value argv[3], result, buffer;
  size_t argc = 3, paths_len, words;
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) return ferry_throw_type(env, "copyBatch(paths, items, options?)");
  const char *paths = ferry_get_typed(env, argv[0], napi_uint8_array, 1, &paths_len);
  const int64_t *w = paths ? ferry_get_typed(env, argv[1], napi_bigint64_array, 0, &words) : NULL;
  if (!w && !(paths && words == 0)) return NULL;
  if (paths[paths_len - 1] != 0) return ferry_throw_type(env, "paths must end with a NUL byte");
  fc_job job;
  if (read_job(env, argc > 2 ? argv[2] : NULL, &job) != 0) return NULL;
  size_t n = words / ITEM_WORDS;
  if (job.statuses) {
    size_t len;
    napi_value v;
    napi_get_named_property(env, argv[2], "statuses", &v);
    ferry_get_typed(env, v, napi_uint8_array, n, &len);
    if (len < n) return NULL;
  }
  fc_item *items = calloc(n ? n : 1, sizeof *items);
  fc_outcome *out = calloc(n ? n : 1, sizeof *out);
  if (!items || !out) {
    free(items);
    free(out);
    return ferry_throw_type(env, "out of memory"), NULL;
  }
  for (size_t i = 0; i < n; i++) {
    const int64_t *v = w + i * ITEM_WORDS;
    fc_item *it = &items[i];
    it->id = v[IT_ID];
    it->flags = (uint32_t)v[IT_FLAGS];
    it->src_dir = string_at(paths, paths_len, v[IT_SRC_DIR]);
    it->src_name = string_at(paths, paths_len, v[IT_SRC_NAME]);
    it->dst_dir = string_at(paths, paths_len, v[IT_DST_DIR]);
    it->temp_name = string_at(paths, paths_len, v[IT_TEMP]);
    it->final_name = v[IT_FINAL] < 0 ? NULL : string_at(paths, paths_len, v[IT_FINAL]);
    it->dev = (uint64_t)v[IT_DEV];
    it->ino = (uint64_t)v[IT_INO];
    it->size = v[IT_SIZE];
    it->mtime_ns = v[IT_MTIME_NS];
    it->mode = (int32_t)v[IT_MODE];
    if (!it->src_dir || !it->src_name || !it->dst_dir || !it->temp_name || (v[IT_FINAL] >= 0 && !it->final_name)) {
      free(items);
      free(out);
      return ferry_throw_type(env, "an item's path offset is outside the paths buffer");
    }
  }
  fc_copy_batch(&job, items, n, out);
  free(items);
  double *data;
  napi_status st = napi_create_arraybuffer(env, (n ? n : 1) * OUT_WORDS * sizeof(double), (void **)&data, &buffer);
  if (st == napi_ok) {
    for (size_t i = 0; i < n; i++) {
      double *o = data + i * OUT_WORDS;
      o[OUT_STATUS] = out[i].status;
      o[OUT_ERRNO] = out[i].err;
      o[OUT_STEP] = out[i].step;
      o[OUT_PATH] = out[i].path;
      o[OUT_FLAGS] = out[i].flags;
      o[OUT_BYTES] = (double)out[i].bytes;
    }
  }
  free(out);
  NAPI_CALL(env, st);
  NAPI_CALL(env, napi_create_typedarray(env, napi_float64_array, n * OUT_WORDS, buffer, 0, &result));
  return result;
}

/* renameBatch(paths, offsets): `offsets` holds 3 Int32 per rename (folder, from, to: offsets of NUL-terminated
 * strings in `paths`); returns an Int32Array of errnos (0: renamed). */
napi_value ferry_rename_batch(napi_env env, napi_callback_info info) {
  napi_value argv[2], result, buffer;
  size_t argc = 2, paths_len, words;
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) return ferry_throw_type(env, "renameBatch(paths, offsets)");
  const char *paths = ferry_get_typed(env, argv[0], napi_uint8_array, 1, &paths_len);
  const int32_t *w = paths ? ferry_get_typed(env, argv[1], napi_int32_array, 0, &words) : NULL;
  if (!w && !(paths && words == 0)) return NULL;
  if (paths[paths_len - 1] != 0) return ferry_throw_type(env, "paths must end with a NUL byte");
  size_t n = words / 3;
  int *errs;
  NAPI_CALL(env, napi_create_arraybuffer(env, (n ? n : 1) * sizeof(int), (void **)&errs, &buffer));
  fc_rename *items = calloc(n ? n : 1, sizeof *items);
  if (!items) return ferry_throw_type(env, "out of memory");
  for (size_t i = 0; i < n; i++) {
    items[i].dir = string_at(paths, paths_len, w[i * 3]);
    items[i].from = string_at(paths, paths_len, w[i * 3 + 1]);
    items[i].to = string_at(paths, paths_len, w[i * 3 + 2]);
    if (!items[i].dir || !items[i].from || !items[i].to) {
      free(items);
      return ferry_throw_type(env, "a rename's path offset is outside the paths buffer");
    }
  }
  fc_rename_batch(items, n, errs);
  free(items);
  NAPI_CALL(env, napi_create_typedarray(env, napi_int32_array, n, buffer, 0, &result));
  return result;
}

napi_value ferry_read_dir(napi_env env, napi_callback_info info) {
  napi_value argv[1], result, names, fields, buffer, skipped;
  size_t argc = 1;
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1) return ferry_throw_type(env, "readDir(path)");
  char *path = ferry_get_path(env, argv[0]);
  if (!path) return NULL;
  fc_dir dir;
  int err = fc_read_dir(path, &dir);
  if (err) {
    fc_free_dir(&dir);
    ferry_throw_errno(env, err, "scandir", path);
    free(path);
    return NULL;
  }
  free(path);
  void *data;
  napi_status st = napi_create_buffer_copy(env, dir.names_len, dir.names_len ? dir.names : "", NULL, &names);
  size_t bytes = dir.count * FC_WALK_WORDS * sizeof(int64_t);
  if (st == napi_ok) st = napi_create_arraybuffer(env, bytes ? bytes : 8, &data, &buffer);
  if (st == napi_ok && bytes) memcpy(data, dir.fields, bytes);
  int failed = dir.failed_entries;
  fc_free_dir(&dir);
  NAPI_CALL(env, st);
  NAPI_CALL(env, napi_create_typedarray(env, napi_bigint64_array, dir.count * FC_WALK_WORDS, buffer, 0, &fields));
  NAPI_CALL(env, napi_create_object(env, &result));
  NAPI_CALL(env, napi_create_int32(env, failed, &skipped));
  NAPI_CALL(env, napi_set_named_property(env, result, "names", names));
  NAPI_CALL(env, napi_set_named_property(env, result, "fields", fields));
  NAPI_CALL(env, napi_set_named_property(env, result, "skipped", skipped));
  return result;
}
