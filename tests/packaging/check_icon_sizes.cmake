# cmake -DIDENTIFY=<identify> -DICON_DIR=<packaging/icons/hicolor> -DAPP_ID=<id> -P check_icon_sizes.cmake
# Fails unless every <N>x<N>/apps/*.png under ICON_DIR is an N by N PNG, and the three sizes the package
# installs (48, 128, 256) are all there.
foreach(var IDENTIFY ICON_DIR APP_ID)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_icon_sizes: ${var} is not set")
    endif()
endforeach()

file(GLOB_RECURSE pngs RELATIVE "${ICON_DIR}" "${ICON_DIR}/*.png")
set(failures "")
set(found_sizes "")
foreach(png IN LISTS pngs)
    if(NOT png MATCHES "^([0-9]+)x([0-9]+)/apps/[^/]+\\.png$")
        string(APPEND failures "  ${png}: not under <N>x<N>/apps/\n")
        continue()
    endif()
    set(want "${CMAKE_MATCH_1}x${CMAKE_MATCH_2}")
    execute_process(COMMAND "${IDENTIFY}" -format "%m %wx%h" "${ICON_DIR}/${png}"
                    OUTPUT_VARIABLE got RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        string(APPEND failures "  ${png}: identify failed: ${err}\n")
    elseif(NOT got STREQUAL "PNG ${want}")
        string(APPEND failures "  ${png}: is '${got}', expected 'PNG ${want}'\n")
    else()
        message(STATUS "${png}: ${got}")
        list(APPEND found_sizes "${want}")
    endif()
endforeach()

foreach(size IN ITEMS 48 128 256)
    if(NOT EXISTS "${ICON_DIR}/${size}x${size}/apps/${APP_ID}.png")
        string(APPEND failures "  ${size}x${size}/apps/${APP_ID}.png is missing\n")
    endif()
endforeach()

if(failures)
    message(FATAL_ERROR "Icon sizes do not match their folders:\n${failures}")
endif()
