# pragma version ~=0.4.3
# A test stand-in for Energy Web Origin release A's AssetProducingRegistryLogic: the same
# saveSmartMeterRead, getLastSmartMeterReadFileHash, createAsset and initGeneral signatures and
# the same LogNewMeterRead and LogAssetCreated events as Tests/Fixtures/origin/producer-v1.abi.json,
# storing the last reading, CO2 offset counter and file hash per asset. It reverts when a
# reading or the CO2 counter decreases, or when the sender is not the asset's smart meter.

event LogNewMeterRead:
    _assetId: indexed(uint256)
    _fileHash: indexed(bytes32)
    _oldMeterRead: uint256
    _newMeterRead: uint256
    _smartMeterDown: bool
    _certificatesCreatedForWh: uint256
    _oldCO2OffsetReading: uint256
    _newCO2OffsetReading: uint256
    _serviceDown: bool

event LogAssetCreated:
    sender: address
    _assetId: indexed(uint256)

struct Asset:
    smartMeter: address
    owner: address
    operationalSince: uint256
    lastSmartMeterReadWh: uint256
    active: bool
    lastSmartMeterReadFileHash: bytes32
    lastCO2OffsetRead: uint256

admin: address
assets: HashMap[uint256, Asset]
assetCount: uint256

@deploy
def __init__():
    self.admin = msg.sender

@external
def createAsset():
    assert msg.sender == self.admin, "only the admin creates assets"
    log LogAssetCreated(sender=msg.sender, _assetId=self.assetCount)
    self.assetCount += 1

@external
def initGeneral(_assetId: uint256, _smartMeter: address, _owner: address, _operationalSince: uint256, _active: bool):
    assert msg.sender == self.admin, "only the admin initialises assets"
    assert _assetId < self.assetCount, "no such asset"
    self.assets[_assetId].smartMeter = _smartMeter
    self.assets[_assetId].owner = _owner
    self.assets[_assetId].operationalSince = _operationalSince
    self.assets[_assetId].active = _active

@external
def saveSmartMeterRead(_assetId: uint256, _newMeterRead: uint256, _smartMeterDown: bool, _lastSmartMeterReadFileHash: bytes32,
                       _CO2OffsetMeterRead: uint256, _CO2OffsetServiceDown: bool):
    asset: Asset = self.assets[_assetId]
    assert msg.sender == asset.smartMeter, "sender is not the asset's smart meter"
    assert asset.active, "asset is not active"
    assert _newMeterRead >= asset.lastSmartMeterReadWh, "meter read decreased"
    assert _CO2OffsetMeterRead >= asset.lastCO2OffsetRead, "CO2 offset read decreased"
    log LogNewMeterRead(_assetId=_assetId, _fileHash=_lastSmartMeterReadFileHash, _oldMeterRead=asset.lastSmartMeterReadWh,
                        _newMeterRead=_newMeterRead, _smartMeterDown=_smartMeterDown,
                        _certificatesCreatedForWh=_newMeterRead - asset.lastSmartMeterReadWh,
                        _oldCO2OffsetReading=asset.lastCO2OffsetRead, _newCO2OffsetReading=_CO2OffsetMeterRead,
                        _serviceDown=_CO2OffsetServiceDown)
    self.assets[_assetId].lastSmartMeterReadWh = _newMeterRead
    self.assets[_assetId].lastCO2OffsetRead = _CO2OffsetMeterRead
    self.assets[_assetId].lastSmartMeterReadFileHash = _lastSmartMeterReadFileHash

@view
@external
def getLastSmartMeterReadFileHash(_assetId: uint256) -> bytes32:
    return self.assets[_assetId].lastSmartMeterReadFileHash

@view
@external
def getAssetGeneral(_assetId: uint256) -> (address, address, uint256, uint256, bool, bytes32):
    asset: Asset = self.assets[_assetId]
    return asset.smartMeter, asset.owner, asset.operationalSince, asset.lastSmartMeterReadWh, asset.active, asset.lastSmartMeterReadFileHash

@view
@external
def getAssetListLength() -> uint256:
    return self.assetCount
