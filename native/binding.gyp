{
  "targets": [
    {
      "target_name": "ferry_core",
      "sources": [
        "src/binding.c",
        "src/binding_batch.c",
        "src/fc_batch.c",
        "src/fc_control.c",
        "src/fc_data.c",
        "src/fc_meta.c",
        "src/fc_sys.c",
        "src/fc_walk.c"
      ],
      "defines": ["NAPI_VERSION=8", "_GNU_SOURCE", "_FILE_OFFSET_BITS=64"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O2", "-fvisibility=hidden"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O2"],
        "MACOSX_DEPLOYMENT_TARGET": "10.13"
      }
    }
  ]
}
