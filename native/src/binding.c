/*
 * The N-API module (NAPI_VERSION 8, context-aware through NAPI_MODULE_INIT so each worker thread gets its own
 * instance): argument helpers, Node-shaped errors, and the small identity/durability functions. The batch copy
 * and the directory reader are in binding_batch.c. No state lives here; the C library keeps none per isolate.
 */
#include "binding.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferry_core.h"

void ferry_throw_last(napi_env env, const char *what) {
  const napi_extended_error_info *info = NULL;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  napi_get_last_error_info(env, &info);
  char message[256];
  snprintf(message, sizeof message, "ferry_core: %s failed: %s", what,
           info && info->error_message ? info->error_message : "unknown N-API error");
  napi_throw_error(env, NULL, message);
}

napi_value ferry_throw_type(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

static void set_prop(napi_env env, napi_value obj, const char *key, napi_value value) {
  napi_set_named_property(env, obj, key, value);
}

void ferry_throw_errno(napi_env env, int err, const char *syscall, const char *path) {
  const char *name = fc_errno_name(err);
  char code[32], message[512];
  if (!name) snprintf(code, sizeof code, "E%d", err);
  snprintf(message, sizeof message, "%s: %s, %s '%s'", name ? name : code, strerror(err), syscall, path ? path : "");
  napi_value msg, error, v;
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, NULL, msg, &error);
  napi_create_string_utf8(env, name ? name : code, NAPI_AUTO_LENGTH, &v);
  set_prop(env, error, "code", v);
  napi_create_int32(env, -err, &v);
  set_prop(env, error, "errno", v);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &v);
  set_prop(env, error, "syscall", v);
  if (path) {
    napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &v);
    set_prop(env, error, "path", v);
  }
  napi_throw(env, error);
}

char *ferry_get_path(napi_env env, napi_value value) {
  napi_valuetype type;
  bool typed = false;
  if (napi_typeof(env, value, &type) != napi_ok) return NULL;
  if (type == napi_string) {
    size_t len;
    if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return NULL;
    char *s = malloc(len + 1);
    if (s) napi_get_value_string_utf8(env, value, s, len + 1, &len);
    return s;
  }
  napi_is_typedarray(env, value, &typed);
  if (!typed) return ferry_throw_type(env, "a path must be a string or a Buffer"), NULL;
  size_t len;
  const char *bytes = ferry_get_typed(env, value, napi_uint8_array, 0, &len);
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return NULL;
  if (len && memchr(bytes, 0, len)) return ferry_throw_type(env, "a path must not contain NUL bytes"), NULL;
  char *s = malloc(len + 1);
  if (!s) return NULL;
  if (len) memcpy(s, bytes, len);
  s[len] = 0;
  return s;
}

void *ferry_get_typed(napi_env env, napi_value value, napi_typedarray_type want, size_t min, size_t *length) {
  napi_typedarray_type type;
  void *data = NULL;
  bool typed = false;
  *length = 0;
  napi_is_typedarray(env, value, &typed);
  /* napi_get_typedarray_info works for SharedArrayBuffer-backed arrays; data already includes byte_offset. */
  if (!typed || napi_get_typedarray_info(env, value, &type, length, &data, NULL, NULL) != napi_ok ||
      type != want || *length < min) {
    ferry_throw_type(env, "a typed array argument has the wrong type or is too short");
    *length = 0;
    return NULL;
  }
  return data;
}

int ferry_get_fd_or_path(napi_env env, napi_value value, int *fd, char **path) {
  napi_valuetype type;
  *fd = -1;
  *path = NULL;
  napi_typeof(env, value, &type);
  if (type == napi_number) return napi_get_value_int32(env, value, fd) == napi_ok ? 0 : -1;
  *path = ferry_get_path(env, value);
  return *path ? 0 : -1;
}

static napi_value arg0(napi_env env, napi_callback_info info, napi_value *argv, size_t want) {
  size_t argc = want;
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  for (size_t i = 0; i < want; i++) argv[i] = undefined;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  return argv[0];
}

static napi_value stat_words(napi_env env, napi_callback_info info) {
  napi_value argv[2], result, buffer;
  arg0(env, info, argv, 2);
  bool follow = false;
  napi_get_value_bool(env, argv[1], &follow);
  int64_t words[FC_STAT_WORDS];
  int fd, err;
  char *path;
  if (ferry_get_fd_or_path(env, argv[0], &fd, &path) != 0) return NULL;
  err = path ? fc_stat(path, follow, words) : fc_fstat(fd, words);
  if (err) ferry_throw_errno(env, err, path ? (follow ? "stat" : "lstat") : "fstat", path);
  free(path);
  if (err) return NULL;
  void *data;
  NAPI_CALL(env, napi_create_arraybuffer(env, sizeof words, &data, &buffer));
  memcpy(data, words, sizeof words);
  NAPI_CALL(env, napi_create_typedarray(env, napi_bigint64_array, FC_STAT_WORDS, buffer, 0, &result));
  return result;
}

/* Durability helpers share one shape: (fdOrPath) → undefined, throwing the errno. */
static napi_value durability(napi_env env, napi_callback_info info, int op) {
  static const char *names[] = {"syncfs", "fsync", "fdatasync", "posix_fadvise"};
  napi_value argv[1];
  arg0(env, info, argv, 1);
  int fd;
  char *path;
  if (ferry_get_fd_or_path(env, argv[0], &fd, &path) != 0) return NULL;
  int err = op == 0 ? fc_syncfs(fd, path) : op == 3 ? fc_fadvise_dontneed(fd, path) : fc_fsync(fd, path, op == 2);
  if (err) ferry_throw_errno(env, err, names[op], path);
  free(path);
  return NULL;
}
static napi_value js_syncfs(napi_env env, napi_callback_info info) { return durability(env, info, 0); }
static napi_value js_fsync(napi_env env, napi_callback_info info) { return durability(env, info, 1); }
static napi_value js_fdatasync(napi_env env, napi_callback_info info) { return durability(env, info, 2); }
static napi_value js_fadvise(napi_env env, napi_callback_info info) { return durability(env, info, 3); }

static napi_value js_rename_noreplace(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  arg0(env, info, argv, 2);
  char *from = ferry_get_path(env, argv[0]);
  char *to = from ? ferry_get_path(env, argv[1]) : NULL;
  int err = from && to ? fc_rename_noreplace(from, to) : 0;
  if (err) ferry_throw_errno(env, err, "rename", from);
  free(from);
  free(to);
  return NULL;
}

static napi_value js_errno_name(napi_env env, napi_callback_info info) {
  napi_value argv[1], result = NULL;
  int32_t err = 0;
  napi_get_value_int32(env, arg0(env, info, argv, 1), &err);
  const char *name = fc_errno_name(err < 0 ? -err : err);
  if (name) napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &result);
  return result;
}

static napi_value js_reset_memo(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  fc_reset_memo();
  return NULL;
}

static napi_value js_notify_control(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t len;
  int32_t *control = ferry_get_typed(env, arg0(env, info, argv, 1), napi_int32_array, 1, &len);
  if (control) fc_notify_control(control);
  return NULL;
}

static napi_value js_monotonic_ns(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  NAPI_CALL(env, napi_create_bigint_int64(env, fc_monotonic_ns(), &result));
  return result;
}

NAPI_MODULE_INIT() {
  const napi_property_descriptor props[] = {
      {"copyBatch", NULL, ferry_copy_batch, NULL, NULL, NULL, napi_enumerable, NULL},
      {"readDir", NULL, ferry_read_dir, NULL, NULL, NULL, napi_enumerable, NULL},
      {"stat", NULL, stat_words, NULL, NULL, NULL, napi_enumerable, NULL},
      {"renameNoReplace", NULL, js_rename_noreplace, NULL, NULL, NULL, napi_enumerable, NULL},
      {"renameBatch", NULL, ferry_rename_batch, NULL, NULL, NULL, napi_enumerable, NULL},
      {"syncfs", NULL, js_syncfs, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fsync", NULL, js_fsync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fdatasync", NULL, js_fdatasync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fadviseDontNeed", NULL, js_fadvise, NULL, NULL, NULL, napi_enumerable, NULL},
      {"errnoName", NULL, js_errno_name, NULL, NULL, NULL, napi_enumerable, NULL},
      {"resetMemo", NULL, js_reset_memo, NULL, NULL, NULL, napi_enumerable, NULL},
      {"notifyControl", NULL, js_notify_control, NULL, NULL, NULL, napi_enumerable, NULL},
      {"monotonicNs", NULL, js_monotonic_ns, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
