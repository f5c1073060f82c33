{
  "targets": [
    {
      "target_name": "arp_raw",
      "sources": ["src/arp_raw.c", "src/arp_frame.c"],
      # Node-API only (no V8/Node internals): one binary serves Node and Electron.
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-std=c11", "-Wall", "-Wextra", "-Werror=implicit-function-declaration"],
      "conditions": [
        ["OS!='linux'", {
          # AF_PACKET is Linux-only: elsewhere the module loads and says it is unsupported,
          # and FieldKit keeps its per-address fallback.
          "defines": ["ARP_RAW_UNSUPPORTED=1"]
        }]
      ]
    }
  ]
}
