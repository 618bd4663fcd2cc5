// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nbhd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nbhd", targets: ["nbhd"]),
    .library(
      name: "NbhdKit",
      targets: [
        "GeoCore", "PlanarKernel", "GEOS", "PROJ", "GeoJSON", "GeoPackage", "Shapefile", "KML", "Layers",
        "Analysis", "Maps", "Reports", "Study",
      ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos",
      providers: [.apt(["libgeos-dev"]), .brew(["geos"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj",
      providers: [.apt(["libproj-dev"]), .brew(["proj"])]),
    .systemLibrary(
      name: "CShapelib", pkgConfig: "shapelib",
      providers: [.apt(["libshp-dev"]), .brew(["shapelib"])]),
    .systemLibrary(
      name: "CMinizip", pkgConfig: "minizip",
      providers: [.apt(["libminizip-dev"]), .brew(["minizip"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
    // The C allocator's settings (malloc.h); part of the C library, nothing to link.
    .systemLibrary(name: "CMalloc"),
    .target(name: "GeoCore"),
    .target(name: "PlanarKernel", dependencies: ["GeoCore"]),
    .target(name: "GEOS", dependencies: ["CGEOS", "GeoCore"]),
    .target(name: "PROJ", dependencies: ["CPROJ", "GeoCore"]),
    .target(name: "GeoJSON", dependencies: ["GeoCore"]),
    .target(name: "Shapefile", dependencies: ["CShapelib", "GeoCore", "PlanarKernel"]),
    .target(name: "KML", dependencies: ["CMinizip", "GeoCore"]),
    .target(name: "GeoPackage", dependencies: ["CSQLite", "GeoCore"]),
    .target(
      name: "Layers",
      dependencies: ["GeoCore", "PlanarKernel", "GEOS", "PROJ", "GeoJSON", "GeoPackage", "Shapefile", "KML"]),
    .target(name: "Analysis", dependencies: ["GeoCore", "PlanarKernel", "GEOS", "Layers"]),
    .target(name: "Maps", dependencies: ["GeoCore", "GEOS"]),
    .target(
      name: "Reports", dependencies: ["GeoCore", "GeoJSON", "GeoPackage", "PROJ", "Layers", "Analysis", "Maps"]),
    .target(
      name: "Study",
      dependencies: [
        "Reports", "Analysis", "Maps", "Layers", "GeoCore",
        .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(
      name: "nbhd",
      dependencies: [
        "Study", "Reports", "Analysis", "Maps", "Layers", "GeoJSON", "GeoPackage", "Shapefile", "KML", "GEOS",
        "PROJ", "GeoCore", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "nbhd-bench", dependencies: ["GeoJSON", "GeoPackage", "GeoCore", "PROJ"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GeoCoreTests", dependencies: ["TestSupport", "GeoCore"]),
    .testTarget(
      name: "PlanarKernelTests",
      dependencies: ["TestSupport", "PlanarKernel", "GeoCore", "GEOS", "GeoJSON", "Layers"]),
    .testTarget(name: "GEOSTests", dependencies: ["TestSupport", "GEOS", "GeoCore"]),
    .testTarget(name: "PROJTests", dependencies: ["TestSupport", "PROJ", "GeoCore"]),
    .testTarget(name: "GeoJSONTests", dependencies: ["TestSupport", "GeoJSON", "GeoCore"]),
    .testTarget(name: "GeoPackageTests", dependencies: ["TestSupport", "GeoPackage", "GeoCore"]),
    .testTarget(name: "LayersTests", dependencies: ["TestSupport", "Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore"]),
    .testTarget(name: "AnalysisTests", dependencies: ["TestSupport", "Analysis", "Layers", "GEOS", "GeoCore"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Analysis", "Layers", "GeoCore", "PROJ"]),
    .testTarget(name: "MapsTests", dependencies: ["Maps", "GEOS", "GeoCore"]),
    .testTarget(
      name: "StudyTests",
      dependencies: ["TestSupport", "Study", "GeoPackage", "Reports", "Analysis", "Layers", "GeoCore"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "TestSupport", "nbhd", "Study", "Maps", "Analysis", "Layers", "GeoJSON", "GeoPackage", "Shapefile", "KML",
        "GEOS", "PROJ", "GeoCore",
      ]),
    .testTarget(name: "ShapefileTests", dependencies: ["TestSupport", "Shapefile", "GeoCore"]),
    .testTarget(name: "KMLTests", dependencies: ["TestSupport", "KML", "GeoCore"]),
  ],
  swiftLanguageModes: [.v6]
)
