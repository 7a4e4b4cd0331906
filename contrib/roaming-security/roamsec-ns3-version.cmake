# The ns-3 releases this module is built and tested against, and the check that
# stops a configure against any other one (doc/roaming-security.rst, "Supported
# ns-3 versions"). model/ns3-compat.h holds the code that differs between them.
set(ROAMSEC_SUPPORTED_NS3_VERSIONS 3.37 3.48)

# roamsec_check_ns3_version(VERSION)
# Fails the configure unless VERSION (e.g. "3.48", "3.37.1") is a supported release;
# sets ROAMSEC_NS3_VERSION_MINOR (37, 48) and ROAMSEC_NS3_CXX_STANDARD in the caller.
function(roamsec_check_ns3_version version)
  string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _release "${version}")
  set(_major "${CMAKE_MATCH_1}")
  set(_minor "${CMAKE_MATCH_2}")
  string(REPLACE ";" ", " _supported "${ROAMSEC_SUPPORTED_NS3_VERSIONS}")
  list(FIND ROAMSEC_SUPPORTED_NS3_VERSIONS "${_release}" _index)
  if(NOT _release OR _index EQUAL -1)
    message(FATAL_ERROR
      "roaming-security: found ns-3 '${version}', which this module does not support.\n"
      "Supported ns-3 releases: ${_supported}.\n"
      "Older releases lack APIs the module uses; other releases changed the Wi-Fi and test "
      "APIs it adapts to (model/ns3-compat.h). Build against one of the supported releases.")
  endif()
  set(ROAMSEC_NS3_VERSION_MINOR ${_minor} PARENT_SCOPE)
  # ns-3.48's headers use C++20 (std::remove_cvref_t, operator<=>); 3.37 is C++17.
  if(_minor GREATER_EQUAL 48)
    set(ROAMSEC_NS3_CXX_STANDARD 20 PARENT_SCOPE)
  else()
    set(ROAMSEC_NS3_CXX_STANDARD 17 PARENT_SCOPE)
  endif()
  message(STATUS "roaming-security: building against ns-3 ${version}")
endfunction()
