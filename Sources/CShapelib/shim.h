#ifndef NBHD_CSHAPELIB_SHIM_H
#define NBHD_CSHAPELIB_SHIM_H
#include <shapefil.h>
#endif
