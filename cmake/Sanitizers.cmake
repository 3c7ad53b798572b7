# OPTIMA_SANITIZE=address,undefined (the asan preset) instruments every target.
set(OPTIMA_SANITIZE "" CACHE STRING "Comma-separated sanitizers, e.g. address,undefined")
if(OPTIMA_SANITIZE)
  add_compile_options(-fsanitize=${OPTIMA_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${OPTIMA_SANITIZE})
endif()
