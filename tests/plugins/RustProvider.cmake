# docs/examples/rust_provider, the Rust example provider, built with cargo into
# ${CMAKE_BINARY_DIR}/examples/rust_provider.so for tests/integration/RustProviderTest.cpp.
# Included from tests/CMakeLists.txt once portico_integration_tests exists. Not in
# PORTICO_TEST_PLUGIN_DIR, whose every library the reload tests copy.
#
# Without cargo the example is not built and its test skips, unless PORTICO_REQUIRE_RUST is on
# (.ci/run exports it) and the test fails instead, so CI cannot lose the example silently.
if("$ENV{PORTICO_REQUIRE_RUST}")
  set(require_rust_default ON)
else()
  set(require_rust_default OFF)
endif()
option(PORTICO_REQUIRE_RUST "Fail RustProviderTest when cargo is missing" ${require_rust_default})

find_program(PORTICO_CARGO cargo)
set(rust_provider_source ${PROJECT_SOURCE_DIR}/docs/examples/rust_provider)
set(rust_provider_so ${CMAKE_BINARY_DIR}/examples/rust_provider.so)
if(PORTICO_CARGO)
  # The rustc beside cargo, so a rustup cargo never drives Debian's older rustc or the reverse.
  get_filename_component(cargo_dir ${PORTICO_CARGO} DIRECTORY)
  find_program(PORTICO_RUSTC rustc HINTS ${cargo_dir} REQUIRED)
  set(rust_target_dir ${CMAKE_BINARY_DIR}/examples/rust_provider-target)
  # --locked --offline: no dependencies, so cargo must never touch the network or Cargo.lock.
  set(cargo_env ${CMAKE_COMMAND} -E env RUSTC=${PORTICO_RUSTC} CARGO_TARGET_DIR=${rust_target_dir})
  set(cargo_args --release --locked --offline --manifest-path ${rust_provider_source}/Cargo.toml)
  file(GLOB rust_provider_sources CONFIGURE_DEPENDS ${rust_provider_source}/src/*.rs)
  add_custom_command(OUTPUT ${rust_provider_so}
    COMMAND ${cargo_env} ${PORTICO_CARGO} build --quiet ${cargo_args}
    COMMAND ${CMAKE_COMMAND} -E copy ${rust_target_dir}/release/librust_provider.so ${rust_provider_so}
    DEPENDS ${rust_provider_sources} ${rust_provider_source}/Cargo.toml ${rust_provider_source}/Cargo.lock
    COMMENT "cargo build docs/examples/rust_provider"
    VERBATIM)
  add_custom_target(portico_rust_provider ALL DEPENDS ${rust_provider_so})
  add_dependencies(portico_integration_tests portico_rust_provider)
  # The example's own unit tests (its JSON reader and answer builders).
  add_test(NAME rust_provider.cargo_test COMMAND ${cargo_env} ${PORTICO_CARGO} test --quiet ${cargo_args})
  set_tests_properties(rust_provider.cargo_test PROPERTIES TIMEOUT 300)
endif()

target_compile_definitions(portico_integration_tests PRIVATE
  PORTICO_RUST_PROVIDER="${rust_provider_so}"
  PORTICO_RUST_PROVIDER_BUILT=$<BOOL:${PORTICO_CARGO}>
  PORTICO_REQUIRE_RUST=$<BOOL:${PORTICO_REQUIRE_RUST}>)
