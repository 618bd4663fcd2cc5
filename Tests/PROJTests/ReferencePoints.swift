/// Points across England and Wales with their British National Grid coordinates as computed by
/// `cs2cs -f %.6f OGC:CRS84 EPSG:27700` (PROJ 9.1.1, Debian 12, no OSTN15 grid installed), and
/// the lon/lat `cs2cs -f %.10f EPSG:27700 OGC:CRS84` gives back for those eastings/northings.
struct ReferencePoint {
  let place: String
  let longitude: Double
  let latitude: Double
  let easting: Double
  let northing: Double
  /// The inverse of (easting, northing) per cs2cs; differs from the input lon/lat by ~1e-8°
  /// because PROJ inverts the Helmert step approximately.
  let inverseLongitude: Double
  let inverseLatitude: Double
}

let referencePoints: [ReferencePoint] = [
  ReferencePoint(
    place: "Trafford", longitude: -2.35, latitude: 53.44, easting: 376847.626247,
    northing: 393748.838280, inverseLongitude: -2.3499999877, inverseLatitude: 53.4399999970),
  ReferencePoint(
    place: "London", longitude: -0.1276, latitude: 51.5072, easting: 530043.194981,
    northing: 180358.208620, inverseLongitude: -0.1275999875, inverseLatitude: 51.5071999954),
  ReferencePoint(
    place: "Newcastle", longitude: -1.6178, latitude: 54.9783, easting: 424560.682675,
    northing: 564921.472602, inverseLongitude: -1.6177999866, inverseLatitude: 54.9782999984),
  ReferencePoint(
    place: "Cornwall (Truro)", longitude: -5.05, latitude: 50.26, easting: 182704.992508,
    northing: 44453.859392, inverseLongitude: -5.0499999910, inverseLatitude: 50.2599999944),
  ReferencePoint(
    place: "Wales (Cardiff)", longitude: -3.18, latitude: 51.48, easting: 318152.630594,
    northing: 176331.989662, inverseLongitude: -3.1799999892, inverseLatitude: 51.4799999954),
]
