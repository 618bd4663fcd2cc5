// libFuzzer entry point for the study-config reader, compiled with StudyConfig.swift,
// StudyConfig+YAML.swift and YAMLNesting.swift against Yams and CYaml built with the sanitizers
// by tools/fuzz/run: every input must give a config or throw StudyConfigError. The config is read
// as if it were data/study.yml, so `file:` paths like trafford/wards23_full.geojson resolve and
// the checks after them run too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStudyConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = try? StudyConfig.parse(text, path: "data/study.yml")
  return 0
}
