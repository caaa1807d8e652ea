# pragma version ~=0.4.3
# A test stand-in for Energy Web Origin release A's AssetConsumingRegistryLogic: the same
# saveSmartMeterRead, getLastSmartMeterReadFileHash, createAsset and initGeneral signatures and
# the same LogNewMeterRead and LogAssetCreated events as Tests/Fixtures/origin/consumer-v1.abi.json,
# storing the last reading and file hash per asset. It reverts when a reading decreases or the
# sender is not the asset's smart meter.

event LogNewMeterRead:
    _assetId: indexed(uint256)
    _fileHash: indexed(bytes32)
    _oldMeterRead: uint256
    _newMeterRead: uint256
    _certificatesUsedForWh: uint256
    _smartMeterDown: bool

event LogAssetCreated:
    sender: address
    _assetId: indexed(uint256)

struct Asset:
    smartMeter: address
    owner: address
    operationalSince: uint256
    capacityWh: uint256
    maxCapacitySet: bool
    lastSmartMeterReadWh: uint256
    active: bool
    lastSmartMeterReadFileHash: bytes32

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
def initGeneral(_assetId: uint256, _smartMeter: address, _owner: address, _operationalSince: uint256, _capacityWh: uint256,
                maxCapacitySet: bool, _active: bool):
    assert msg.sender == self.admin, "only the admin initialises assets"
    assert _assetId < self.assetCount, "no such asset"
    self.assets[_assetId].smartMeter = _smartMeter
    self.assets[_assetId].owner = _owner
    self.assets[_assetId].operationalSince = _operationalSince
    self.assets[_assetId].capacityWh = _capacityWh
    self.assets[_assetId].maxCapacitySet = maxCapacitySet
    self.assets[_assetId].active = _active

@external
def saveSmartMeterRead(_assetId: uint256, _newMeterRead: uint256, _lastSmartMeterReadFileHash: bytes32, _smartMeterDown: bool):
    asset: Asset = self.assets[_assetId]
    assert msg.sender == asset.smartMeter, "sender is not the asset's smart meter"
    assert asset.active, "asset is not active"
    assert _newMeterRead >= asset.lastSmartMeterReadWh, "meter read decreased"
    log LogNewMeterRead(_assetId=_assetId, _fileHash=_lastSmartMeterReadFileHash, _oldMeterRead=asset.lastSmartMeterReadWh,
                        _newMeterRead=_newMeterRead, _certificatesUsedForWh=0, _smartMeterDown=_smartMeterDown)
    self.assets[_assetId].lastSmartMeterReadWh = _newMeterRead
    self.assets[_assetId].lastSmartMeterReadFileHash = _lastSmartMeterReadFileHash

@view
@external
def getLastSmartMeterReadFileHash(_assetId: uint256) -> bytes32:
    return self.assets[_assetId].lastSmartMeterReadFileHash

@view
@external
def getAssetListLength() -> uint256:
    return self.assetCount
