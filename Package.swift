// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nbhd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nbhd", targets: ["nbhd"]),
    .library(
      name: "NbhdKit",
      targets: ["GeoCore", "PlanarKernel", "GEOS", "PROJ", "GeoJSON", "Layers", "Analysis", "Maps", "Reports", "Study"]),
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
    .target(name: "GeoCore"),
    .target(name: "PlanarKernel", dependencies: ["GeoCore"]),
    .target(name: "GEOS", dependencies: ["CGEOS", "GeoCore"]),
    .target(name: "PROJ", dependencies: ["CPROJ", "GeoCore"]),
    .target(name: "GeoJSON", dependencies: ["GeoCore"]),
    .target(name: "Layers", dependencies: ["GeoCore", "PlanarKernel", "GEOS", "PROJ", "GeoJSON"]),
    .target(name: "Analysis", dependencies: ["GeoCore", "PlanarKernel", "GEOS", "Layers"]),
    .target(name: "Maps", dependencies: ["GeoCore", "GEOS"]),
    .target(name: "Reports", dependencies: ["GeoCore", "GeoJSON", "PROJ", "Layers", "Analysis"]),
    .target(
      name: "Study",
      dependencies: [
        "Reports", "Analysis", "Maps", "Layers", "GeoCore",
        .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(
      name: "nbhd",
      dependencies: [
        "Study", "Reports", "Analysis", "Maps", "Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "nbhd-bench", dependencies: ["GeoJSON", "GeoCore", "PROJ"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GeoCoreTests", dependencies: ["TestSupport", "GeoCore"]),
    .testTarget(
      name: "PlanarKernelTests",
      dependencies: ["TestSupport", "PlanarKernel", "GeoCore", "GEOS", "GeoJSON", "Layers"]),
    .testTarget(name: "GEOSTests", dependencies: ["TestSupport", "GEOS", "GeoCore"]),
    .testTarget(name: "PROJTests", dependencies: ["TestSupport", "PROJ", "GeoCore"]),
    .testTarget(name: "GeoJSONTests", dependencies: ["TestSupport", "GeoJSON", "GeoCore"]),
    .testTarget(name: "LayersTests", dependencies: ["TestSupport", "Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore"]),
    .testTarget(name: "AnalysisTests", dependencies: ["TestSupport", "Analysis", "Layers", "GEOS", "GeoCore"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Analysis", "Layers", "GeoCore"]),
    .testTarget(name: "MapsTests", dependencies: ["Maps", "GEOS", "GeoCore"]),
    .testTarget(
      name: "StudyTests", dependencies: ["TestSupport", "Study", "Reports", "Analysis", "Layers", "GeoCore"]),
    .testTarget(
      name: "CLITests",
      dependencies: ["TestSupport", "nbhd", "Study", "Maps", "Analysis", "Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore"]),
  ],
  swiftLanguageModes: [.v6]
)
