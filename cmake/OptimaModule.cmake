# optima_module(<name> DEPS <targets...>)
# Declares the static library optima_<name> from src/optima/<name>/*.cc and, when
# tests/unit/<name>/ has tests, the GoogleTest binary unit_<name> (ctest label "unit").
# Sources are globbed so adding a file needs no CMake edit; CONFIGURE_DEPENDS re-globs.
function(optima_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/optima/${name}/*.cc)
  if(NOT srcs)
    # A module with headers only (or not yet written) is an interface library.
    add_library(optima_${name} INTERFACE)
    target_include_directories(optima_${name} INTERFACE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(optima_${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(optima_${name} STATIC ${srcs})
  target_include_directories(optima_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(optima_${name} PUBLIC ${ARG_DEPS} PRIVATE optima_warnings)
  target_compile_definitions(optima_${name} PUBLIC
    OPTIMA_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  file(GLOB_RECURSE tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/${name}/*.cc)
  if(tests)
    add_executable(unit_${name} ${tests})
    target_link_libraries(unit_${name} PRIVATE optima_${name} GTest::gtest GTest::gtest_main
                          optima_warnings)
    target_include_directories(unit_${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
    add_test(NAME unit_${name} COMMAND unit_${name} --gtest_brief=1)
    set_tests_properties(unit_${name} PROPERTIES LABELS unit
      ENVIRONMENT "OPTIMA_SHARED_DATA=${CMAKE_SOURCE_DIR}/../shared/data")
  endif()
endfunction()
