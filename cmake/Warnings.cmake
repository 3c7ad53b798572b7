# Warnings for our own targets only (third-party headers are included as SYSTEM).
add_library(optima_warnings INTERFACE)
target_compile_options(optima_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wno-missing-field-initializers
  # g++ 12 at -O2 reports impossible memcpy overlaps inside std::string (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
option(OPTIMA_WERROR "Treat warnings as errors" OFF)
if(OPTIMA_WERROR)
  target_compile_options(optima_warnings INTERFACE -Werror)
endif()
