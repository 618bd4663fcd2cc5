#ifndef NBHD_CPROJ_SHIM_H
#define NBHD_CPROJ_SHIM_H
#include <proj.h>
#endif
