# cmake -DVERSION=3.48 -P run-version-check.cmake: runs the module's configure-time
# ns-3 version check on one version string (check-ns3-version.sh drives it).
include(${CMAKE_CURRENT_LIST_DIR}/../../roamsec-ns3-version.cmake)
roamsec_check_ns3_version("${VERSION}")
message(STATUS "minor=${ROAMSEC_NS3_VERSION_MINOR} cxx=${ROAMSEC_NS3_CXX_STANDARD}")
