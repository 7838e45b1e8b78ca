/*
 * no_entry.c: no_entry.so, a well-formed shared library that is not a Portico plugin. It exports
 * a near-miss of the entry point's name, so the loader must look up the exact symbol and refuse
 * the library as "not a Portico plugin".
 */
#include <portico/plugin.h>

PORTICO_EXPORT portico_status portico_plugin_initialize(const portico_host* host,
                                                        const portico_plugin_descriptor** out) {
  (void)host;
  *out = NULL;
  return PORTICO_ERR_ABI;
}
