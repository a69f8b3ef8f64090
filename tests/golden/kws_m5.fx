M5(
  (conv1): Conv1d(1, 32, kernel_size=(80,), stride=(16,))
  (bn1): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (pool1): MaxPool1d(kernel_size=4, stride=4, padding=0, dilation=1, ceil_mode=False)
  (conv2): Conv1d(32, 32, kernel_size=(3,), stride=(1,))
  (bn2): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (pool2): MaxPool1d(kernel_size=4, stride=4, padding=0, dilation=1, ceil_mode=False)
  (conv3): Conv1d(32, 64, kernel_size=(3,), stride=(1,))
  (bn3): BatchNorm1d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (pool3): MaxPool1d(kernel_size=4, stride=4, padding=0, dilation=1, ceil_mode=False)
  (conv4): Conv1d(64, 64, kernel_size=(3,), stride=(1,))
  (bn4): BatchNorm1d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (pool4): MaxPool1d(kernel_size=4, stride=4, padding=0, dilation=1, ceil_mode=False)
  (fc1): Linear(in_features=64, out_features=35, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    bn1 = self.bn1(conv1);  conv1 = None
    relu = torch.nn.functional.relu(bn1, inplace = False);  bn1 = None
    pool1 = self.pool1(relu);  relu = None
    conv2 = self.conv2(pool1);  pool1 = None
    bn2 = self.bn2(conv2);  conv2 = None
    relu_1 = torch.nn.functional.relu(bn2, inplace = False);  bn2 = None
    pool2 = self.pool2(relu_1);  relu_1 = None
    conv3 = self.conv3(pool2);  pool2 = None
    bn3 = self.bn3(conv3);  conv3 = None
    relu_2 = torch.nn.functional.relu(bn3, inplace = False);  bn3 = None
    pool3 = self.pool3(relu_2);  relu_2 = None
    conv4 = self.conv4(pool3);  pool3 = None
    bn4 = self.bn4(conv4);  conv4 = None
    relu_3 = torch.nn.functional.relu(bn4, inplace = False);  bn4 = None
    pool4 = self.pool4(relu_3);  relu_3 = None
    getattr_1 = pool4.shape
    getitem = getattr_1[-1];  getattr_1 = None
    avg_pool1d = torch.avg_pool1d(pool4, getitem);  pool4 = getitem = None
    permute = avg_pool1d.permute(0, 2, 1);  avg_pool1d = None
    fc1 = self.fc1(permute);  permute = None
    log_softmax = torch.nn.functional.log_softmax(fc1, dim = 2, _stacklevel = 3, dtype = None);  fc1 = None
    return log_softmax
    
