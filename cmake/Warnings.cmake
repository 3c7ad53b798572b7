# Warnings for our own targets only (third-party headers are included as SYSTEM).
add_library(optima_warnings INTERFACE)
target_compile_options(optima_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wno-missing-field-initializers)
option(OPTIMA_WERROR "Treat warnings as errors" OFF)
if(OPTIMA_WERROR)
  target_compile_options(optima_warnings INTERFACE -Werror)
endif()
