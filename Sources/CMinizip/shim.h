#ifndef NBHD_CMINIZIP_SHIM_H
#define NBHD_CMINIZIP_SHIM_H
#include <minizip/unzip.h>
#endif
