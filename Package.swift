// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nbhd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nbhd", targets: ["nbhd"]),
    .library(name: "NbhdKit", targets: ["GeoCore", "GEOS", "PROJ", "GeoJSON", "Layers", "Maps"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos",
      providers: [.apt(["libgeos-dev"]), .brew(["geos"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj",
      providers: [.apt(["libproj-dev"]), .brew(["proj"])]),
    .target(name: "GeoCore"),
    .target(name: "GEOS", dependencies: ["CGEOS", "GeoCore"]),
    .target(name: "PROJ", dependencies: ["CPROJ", "GeoCore"]),
    .target(name: "GeoJSON", dependencies: ["GeoCore"]),
    .target(name: "Layers", dependencies: ["GeoCore", "GEOS", "PROJ", "GeoJSON"]),
    .target(name: "Maps", dependencies: ["GeoCore", "GEOS"]),
    .executableTarget(
      name: "nbhd",
      dependencies: [
        "Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore"]),
    .testTarget(name: "GEOSTests", dependencies: ["GEOS", "GeoCore"]),
    .testTarget(name: "PROJTests", dependencies: ["PROJ", "GeoCore"]),
    .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON", "GeoCore"], resources: []),
    .testTarget(name: "LayersTests", dependencies: ["Layers", "GeoJSON", "GEOS", "PROJ", "GeoCore"]),
    .testTarget(name: "CLITests", dependencies: ["nbhd"]),
    .testTarget(name: "MapsTests", dependencies: ["Maps", "GEOS", "GeoCore"]),
  ],
  swiftLanguageModes: [.v6]
)
